namespace LookoutSim.Experiments;

/// <summary>
/// A plan's answer made applicable: the scenario with it filled in (<c>plan.yaml</c>) and the
/// <c>lookoutsim run</c> command whose <c>--set</c> values reproduce it.
/// </summary>
/// <param name="Yaml">The text of <c>plan.yaml</c> (the resolved scenario, planned values marked <c># from: plan</c>), or null when it cannot be written.</param>
/// <param name="Sets">The <c>--set</c> values (<c>path=value</c>) that put the answer into the scenario file: the command's own, a sweep point's, then the plan's.</param>
/// <param name="Command">The command line, shell-quoted: <c>lookoutsim run SCENARIO --set …</c>.</param>
/// <param name="Why">Why there is no <see cref="Yaml"/> (null when there is one).</param>
public sealed record AppliedPlan(string? Yaml, IReadOnlyList<string> Sets, string Command, string? Why)
{
    /// <summary><paramref name="arg"/> as one shell word: as is when it holds only safe characters, else in single quotes.</summary>
    public static string ShellWord(string arg)
    {
        ArgumentNullException.ThrowIfNull(arg);
        return arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "_-.,:/=%+@".Contains(c, StringComparison.Ordinal))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
