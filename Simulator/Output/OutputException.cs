namespace LookoutSim.Output;

/// <summary>
/// A problem with a results folder that the user can fix: the target exists and <c>--force</c>
/// was not given, the target is not a folder LookoutSim wrote, a file read back is missing or
/// malformed. The command line prints its message alone and exits with code 2 (bad input).
/// </summary>
/// <remarks>Output does not depend on the command line, so it raises its own exception type;
/// <c>CommandLine.Run</c> maps it the same way as a usage error.</remarks>
public sealed class OutputException : Exception
{
    public OutputException(string message)
        : base(message)
    {
    }

    public OutputException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public OutputException()
    {
    }
}
