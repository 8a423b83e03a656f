namespace Funnelcraft.Exports.Deck;

/// <summary>A rectangle on a slide, in EMU (914,400 to the inch).</summary>
internal readonly record struct Box(long X, long Y, long Width, long Height)
{
    public static Box Inches(double x, double y, double width, double height) =>
        new(Emu(x), Emu(y), Emu(width), Emu(height));

    private static long Emu(double inches) => (long)Math.Round(inches * DeckMasters.Inch);
}

/// <summary>Where things sit on the 13.33 × 7.5 in slides, the colour of each section, and the type sizes.</summary>
internal static class DeckLayout
{
    public static Box CoverEyebrow { get; } = Box.Inches(0.8, 1.55, 11.7, 0.45);
    public static Box CoverTitle { get; } = Box.Inches(0.8, 2.1, 11.7, 1.9);
    public static Box CoverSubtitle { get; } = Box.Inches(0.8, 4.15, 11.7, 0.6);

    public static Box Band { get; } = Box.Inches(0, 0, 0.16, 7.5);
    public static Box Label { get; } = Box.Inches(0.8, 0.6, 9, 0.42);
    public static Box Title { get; } = Box.Inches(0.8, 1.15, 11.7, 1.75);
    public static Box Body { get; } = Box.Inches(0.8, 3.4, 11.7, 3.1);
    public static Box Footer { get; } = Box.Inches(0.8, 6.85, 9, 0.35);
    public static Box Number { get; } = Box.Inches(10.3, 6.85, 2.2, 0.35);

    /// <summary>
    /// The title, the accent under it and the description for a slide: the title's box is as tall as its lines are
    /// expected to be (a generous estimate: 0.6 em a character), so a one-line title does not leave a gap above the
    /// description. Autofit shrinks the rare title that still runs longer.
    /// </summary>
    public static (Box Title, Box Accent, Box Body) ContentBoxes(string title, int titleSize)
    {
        const double top = 1.15, left = 0.8, width = 11.7, bottom = 6.55;
        var points = titleSize / 100.0;
        var perLine = Math.Max(1, (int)(width * 72 / (points * 0.6)));
        var lines = Math.Clamp((int)Math.Ceiling(ExportText.Lines(title).Sum(l => Math.Max(1, Math.Ceiling(l.Length * 1.1 / perLine)))), 1, 4);
        var titleHeight = Math.Min(2.4, (lines * points * 1.0 / 72) + 0.12);
        var accentY = top + titleHeight + 0.22;
        var bodyY = accentY + 0.35;
        return (Box.Inches(left, top, width, titleHeight), Box.Inches(left, accentY, 1.1, 0.07), Box.Inches(left, bodyY, width, bottom - bodyY));
    }

    /// <summary>The legend of sections on the title slide: a bar and a label per section, left to right.</summary>
    public static Box LegendBar(int index) => Box.Inches(0.8 + (index * 1.98), 5.95, 1.75, 0.08);

    public static Box LegendLabel(int index) => Box.Inches(0.8 + (index * 1.98), 6.1, 1.75, 0.5);

    public const string CoverBackground = "1E1B4B";
    public const string CoverEyebrowColor = "FCD34D";
    public const string CoverSubtitleColor = "C7D2FE";
    public const string CoverLegendColor = "E0E7FF";
    public const string TitleColor = "141827";
    public const string BodyColor = "374151";
    public const string FooterColor = "667085";

    /// <summary>Each section's colour (the content page's section dots) and a darker one that reads as text on white.</summary>
    public static (string Fill, string Text) SectionColors(string section) => section switch
    {
        "hook" => ("8B5CF6", "6D28D9"),
        "problem" => ("EF4444", "B91C1C"),
        "agitate" => ("F59E0B", "B45309"),
        "solution" => ("10B981", "047857"),
        "offer" => ("4F46E5", "4338CA"),
        "close" => ("0EA5E9", "0369A1"),
        _ => ("667085", "475467"),
    };

    /// <summary>Type size in hundredths of a point: smaller for longer text, so it fits its box (autofit remains a fallback).</summary>
    public static int TitleSize(string text) => text.Length switch
    {
        <= 50 => 4000,
        <= 80 => 3400,
        <= 120 => 2800,
        _ => 2400,
    };

    public static int BodySize(string text) => text.Length switch
    {
        <= 160 => 2400,
        <= 300 => 2000,
        <= 500 => 1800,
        _ => 1500,
    };

    public static int CoverTitleSize(string text) => text.Length switch
    {
        <= 40 => 5400,
        <= 70 => 4400,
        <= 110 => 3600,
        _ => 2800,
    };
}
