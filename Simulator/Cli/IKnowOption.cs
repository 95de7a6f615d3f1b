using System.CommandLine;

namespace LookoutSim.Cli;

/// <summary>The <c>--i-know</c> option, shared by the verbs that estimate their work before running (run, sweep, plan, validate).</summary>
public static class IKnowOption
{
    /// <summary>A new instance of the option (an option belongs to one command).</summary>
    public static Option<bool> Create() => new("--i-know")
    {
        Description = "Run work above the soft limits (requests, replications, sweep points, memory held, trace size; see README 'Limits'). Hard limits still hold.",
    };
}
