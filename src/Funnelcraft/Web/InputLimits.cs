namespace Funnelcraft.Web;

/// <summary>
/// The length of every string the API and the pages accept, in characters (UTF-16 code units). Part of the API
/// contract: a longer value is refused with a 400 naming the field, before anything is stored. The database columns
/// that hold these values are sized to match.
/// </summary>
public static class InputLimits
{
    /// <summary>An e-mail address (also the user name).</summary>
    public const int Email = 256;

    /// <summary>A password; long enough for any passphrase, short enough that hashing one costs nothing to speak of.</summary>
    public const int Password = 256;

    /// <summary>A name: a project's; an intake's session name, business name, industry and timeline.</summary>
    public const int Name = 200;

    /// <summary>An intake's price point ("$497", "from 2,000 a month").</summary>
    public const int PricePoint = 100;

    /// <summary>A project's description.</summary>
    public const int Description = 2_000;

    /// <summary>An intake's free-text answer (target audience, main problem, current solution, desired outcome).</summary>
    public const int IntakeField = 4_000;

    /// <summary>A call transcript.</summary>
    public const int Transcript = 200_000;

    /// <summary>An instruction given when regenerating a step.</summary>
    public const int Instruction = 1_000;

    /// <summary>An <c>Idempotency-Key</c> header.</summary>
    public const int IdempotencyKey = 200;

    /// <summary>Any other string a route takes (a token, a code, an id of the account API).</summary>
    public const int Other = 4_000;
}
