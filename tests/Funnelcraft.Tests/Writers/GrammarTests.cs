using Funnelcraft.Writers.Offline;

namespace Funnelcraft.Tests.Writers;

public sealed class GrammarTests
{
    [Theory]
    [InlineData("8-week program", "an 8-week program")]
    [InlineData("12-week program", "a 12-week program")]
    [InlineData("11-week program", "an 11-week program")]
    [InlineData("180-day program", "a 180-day program")]
    [InlineData("online course", "an online course")]
    [InlineData("step-by-step program", "a step-by-step program")]
    public void The_article_follows_the_first_sound(string phrase, string expected) =>
        Assert.Equal(expected, Grammar.WithArticle(phrase));
}
