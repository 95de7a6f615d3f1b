namespace LookoutSim.Cli;

/// <summary>The exit codes of every <c>lookoutsim</c> command (outputs spec).</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Done, but a check failed: an SLO under --check-slo, a regression in compare, no feasible plan.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad usage or bad input.</summary>
    public const int BadInput = 2;

    /// <summary>An internal error (one-line message, full trace written to a file).</summary>
    public const int InternalError = 3;
}

/// <summary>
/// Raised for a problem with what the user gave (a file, an option, a folder): printed as its
/// message alone, exit code 2. Never carries a stack trace to the terminal.
/// </summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public UsageException()
    {
    }
}
