using System.Globalization;
using System.Text;
using LookoutSim.Experiments.Bench;

namespace LookoutSim.Cli;

/// <summary>
/// One section of <c>lookoutsim bench</c>'s human output: an aligned table of
/// <c>measure  value  target  verdict  note</c>, where figures without a target leave the target
/// and verdict blank.
/// </summary>
internal sealed class BenchTable(string title, IReadOnlyList<TargetVerdict> verdicts)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private readonly List<string[]> _rows = [["measure", "value", "target", "verdict", string.Empty]];

    /// <summary>A figure without a target.</summary>
    public void Info(string measure, string value, string? note = null) =>
        _rows.Add([measure, value, string.Empty, string.Empty, note ?? string.Empty]);

    /// <summary>A figure judged against <paramref name="target"/> (its verdict must be among the table's).</summary>
    public void Judged(BenchTarget target, string? note = null)
    {
        TargetVerdict v = verdicts.Single(x => x.Target == target);
        string value = v.Value is double d ? Format(d, target.Unit) : "—";
        _rows.Add([target.Name, value, Bound(target), v.Label, note ?? string.Empty]);
    }

    /// <summary>Writes the title and the aligned rows (numbers right-aligned).</summary>
    public void Write(TextWriter o)
    {
        o.WriteLine(title);
        int[] width = [.. Enumerable.Range(0, 5).Select(c => _rows.Max(r => r[c].Length))];
        foreach (string[] r in _rows)
        {
            var line = new StringBuilder("  ");
            line.Append(r[0].PadRight(width[0])).Append("  ");
            line.Append(r[1].PadLeft(width[1])).Append("  ");
            line.Append(r[2].PadRight(width[2])).Append("  ");
            line.Append(r[3].PadRight(width[3])).Append("  ");
            line.Append(r[4]);
            o.WriteLine(line.ToString().TrimEnd());
        }

        o.WriteLine();
    }

    /// <summary>The bound as shown: <c>≥ 3,000,000 requests/s</c>, <c>≤ 1.2 ×</c>.</summary>
    internal static string Bound(BenchTarget t) =>
        $"{(t.Comparison == BenchComparison.AtLeast ? "≥" : "≤")} {t.Bound.ToString(Math.Abs(t.Bound) >= 1000 ? "N0" : "0.###", C)} {t.Unit}";

    private static string Format(double value, string unit) => unit switch
    {
        "MB" => value.ToString("F1", C),
        "×" => value.ToString("0.00#", C),
        _ when Math.Abs(value) >= 1000 => value.ToString("N0", C),
        _ => value.ToString("0.###", C),
    };
}
