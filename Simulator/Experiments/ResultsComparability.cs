using System.Globalization;
using LookoutSim.Scenarios;

namespace LookoutSim.Experiments;

/// <summary>
/// Whether two results folders can be compared measure by measure: the same scenario file (its
/// SHA-256, unless both folders' <c>scenario.resolved.yaml</c> agree: an edit of comments or blank
/// lines is no difference), horizon, warm-up, replications and seed. A 6 h run costs three times a 2 h one; that is
/// not a regression, so <c>compare</c> refuses such a pair unless told <c>--allow-different</c>.
/// </summary>
public static class ResultsComparability
{
    /// <summary>
    /// Every way <paramref name="baseline"/> and <paramref name="current"/> differ, one line each
    /// (<c>horizon: 2h in the baseline, 6h in the current folder</c>); empty when they agree on every
    /// field both folders record. A field only one folder records is not a difference.
    /// </summary>
    public static IReadOnlyList<string> Differences(ResultsProvenance? baseline, ResultsProvenance? current)
    {
        var lines = new List<string>();
        if (baseline is null || current is null)
        {
            return lines;
        }

        CultureInfo c = CultureInfo.InvariantCulture;
        void Check<T>(string what, T? b, T? k, Func<T, string> show)
            where T : struct
        {
            if (b is T x && k is T y && !EqualityComparer<T>.Default.Equals(x, y))
            {
                lines.Add($"{what}: {show(x)} in the baseline, {show(y)} in the current folder");
            }
        }

        if (baseline.Scenario is string bn && current.Scenario is string cn && bn != cn)
        {
            lines.Add($"scenario: {bn} in the baseline, {cn} in the current folder");
        }

        if (baseline.ScenarioSha256 is string bs && current.ScenarioSha256 is string cs && !string.Equals(bs, cs, StringComparison.OrdinalIgnoreCase) &&
            !SameResolvedScenario(baseline, current))
        {
            lines.Add($"scenario file: SHA-256 {Short(bs)}… in the baseline, {Short(cs)}… in the current folder (the file was edited)");
        }

        Check("horizon", baseline.HorizonS, current.HorizonS, Duration);
        Check("warm-up", baseline.WarmupS, current.WarmupS, Duration);
        Check("replications", baseline.Replications, current.Replications, r => r.ToString(c));
        Check("seed", baseline.Seed, current.Seed, s => s.ToString(c));
        return lines;
    }

    /// <summary>
    /// Whether both folders record the scenario as simulated and it is the same: an edit of the file
    /// that changed only comments or blank lines changed nothing that was run. (The resolved file
    /// keeps each value as it was spelled, so <c>100ms</c> rewritten as <c>0.1s</c> still counts as an edit.)
    /// </summary>
    private static bool SameResolvedScenario(ResultsProvenance baseline, ResultsProvenance current) =>
        baseline.ResolvedScenarioSha256 is string b && current.ResolvedScenarioSha256 is string c &&
        string.Equals(b, c, StringComparison.OrdinalIgnoreCase);

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static string Duration(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? ScenarioValues.FormatDuration(TimeSpan.FromSeconds(seconds))
            : seconds.ToString(CultureInfo.InvariantCulture) + " s";
}
