using LookoutSim.Scenarios;

namespace LookoutSim.Output;

/// <summary>
/// The assumptions an answer rests on, in one line: each uncertain field with its nominal value and
/// its declared range, e.g. <c>service.base=60ms [48ms..72ms]; autoscaling.target=70% [60%..80%]</c>.
/// </summary>
public static class PlanAssumptions
{
    /// <summary>
    /// The line for <paramref name="spec"/>: a nominal answer rests on the nominal values (ranges in
    /// brackets), a robust answer on the ranges (nominal values in brackets). Empty when nothing is uncertain.
    /// </summary>
    public static string Text(UncertaintySpec spec, bool robust)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return string.Join("; ", spec.Fields.Select(f => robust
            ? $"{f.Path} {f.Declared} [nominal {f.Nominal}]"
            : $"{f.Path}={f.Nominal} [{f.Declared}]"));
    }
}
