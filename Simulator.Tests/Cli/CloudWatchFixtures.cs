using System.Globalization;
using System.Text;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// CloudWatch JSON in the exact shapes the AWS CLI (v2, --output json) prints: 4-space indents,
/// timestamps with a +00:00 offset, values as floats; get-metric-data newest first.
/// </summary>
internal static class CloudWatchFixtures
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static string Stamp(int minute) =>
        Start.AddMinutes(minute).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    /// <summary>One MetricDataResults entry, newest first, over the given minutes.</summary>
    public static string Result(string id, string label, IReadOnlyList<int> minutes, IReadOnlyList<double> values, string status = "Complete")
    {
        var s = new StringBuilder();
        s.Append("        {\n");
        s.Append(CultureInfo.InvariantCulture, $"            \"Id\": \"{id}\",\n");
        s.Append(CultureInfo.InvariantCulture, $"            \"Label\": \"{label}\",\n");
        s.Append("            \"Timestamps\": [\n");
        s.Append(string.Join(",\n", minutes.Reverse().Select(m => $"                \"{Stamp(m)}\"")));
        s.Append("\n            ],\n");
        s.Append("            \"Values\": [\n");
        s.Append(string.Join(",\n", values.Reverse().Select(v => "                " + Num(v))));
        s.Append("\n            ],\n");
        s.Append(CultureInfo.InvariantCulture, $"            \"StatusCode\": \"{status}\"\n");
        s.Append("        }");
        return s.ToString();
    }

    /// <summary>A get-metric-data answer holding <paramref name="results"/>.</summary>
    public static string MetricData(params string[] results) => MetricDataPage(null, results);

    /// <summary>A get-metric-data answer with an optional NextToken.</summary>
    public static string MetricDataPage(string? nextToken, params string[] results)
    {
        var s = new StringBuilder("{\n    \"MetricDataResults\": [\n");
        s.Append(string.Join(",\n", results));
        s.Append("\n    ],\n");
        if (nextToken is not null)
        {
            s.Append(CultureInfo.InvariantCulture, $"    \"NextToken\": \"{nextToken}\",\n");
        }

        s.Append("    \"Messages\": []\n}\n");
        return s.ToString();
    }

    /// <summary>A get-metric-statistics answer, datapoints in the given (any) order.</summary>
    public static string Statistics(string label, string statistic, string unit, IEnumerable<(int Minute, double Value)> points)
    {
        var s = new StringBuilder();
        s.Append("{\n");
        s.Append(CultureInfo.InvariantCulture, $"    \"Label\": \"{label}\",\n");
        s.Append("    \"Datapoints\": [\n");
        s.Append(string.Join(",\n", points.Select(p =>
            $"        {{\n            \"Timestamp\": \"{Stamp(p.Minute)}\",\n            \"{statistic}\": {Num(p.Value)},\n            \"Unit\": \"{unit}\"\n        }}")));
        s.Append("\n    ]\n}\n");
        return s.ToString();
    }

    public static string Num(double v)
    {
        string t = v.ToString("R", CultureInfo.InvariantCulture);
        return t.Contains('.', StringComparison.Ordinal) || t.Contains('E', StringComparison.Ordinal) ? t : t + ".0";
    }

    public static int[] Minutes(int from, int count) => Enumerable.Range(from, count).ToArray();

    /// <summary>
    /// A 30-minute Lookout for Vision window: 1 unit for 12 minutes then 2, demand rising; throttled
    /// from minute 10 (count published only where non-zero, as CloudWatch does).
    /// </summary>
    public static string Window()
    {
        int[] m = Minutes(0, 30);
        double[] succ = m.Select(i => 300.0 + (10 * i)).ToArray();
        int[] tm = m.Where(i => i >= 10).ToArray();
        double[] thr = tm.Select(i => 20.0 + i).ToArray();
        double[] units = m.Select(i => i < 12 ? 1.0 : 2.0).ToArray();
        double[] desired = m.Select(i => i < 10 ? 1.0 : 2.0).ToArray();
        return MetricData(
            Result("successful", "SuccessfulRequestCount", m, succ),
            Result("throttled", "ThrottledCount", tm, thr),
            Result("inservice", "InServiceInferenceUnits", m, units),
            Result("desired", "DesiredInferenceUnits", m, desired),
            Result("min", "MinInferenceUnits", m, m.Select(_ => 1.0).ToArray()),
            Result("max", "MaxInferenceUnits", m, m.Select(_ => 4.0).ToArray()));
    }
}
