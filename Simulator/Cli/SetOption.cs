using System.CommandLine;

namespace LookoutSim.Cli;

/// <summary>The repeatable <c>--set path=value</c> option of <c>validate</c> (the verbs that simulate take it from <see cref="SimulationOptions"/>).</summary>
public static class SetOption
{
    /// <summary>A new instance of the option (an option belongs to one command).</summary>
    public static Option<string[]> Create() => new("--set")
    {
        Description = "Override a field: --set deployment.min_units=3 (repeatable; same value syntax as the file).",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
        HelpName = "PATH=VALUE",
    };
}
