using System.Globalization;
using System.Text;
using LookoutSim.Metrics;

namespace LookoutSim.Tests.Cli;

/// <summary>Writes results folders as <c>run</c> and <c>sweep</c> write them, with realistic numbers.</summary>
internal static class CompareFixtures
{
    /// <summary>A week of 6 calls/s on 10 units at 4.00 per unit-hour, 10 replications:
    /// measure → (mean, half-width of the 95% CI).</summary>
    public static Dictionary<string, (double Mean, double Half)> TenUnits() => new()
    {
        ["requests_arrived"] = (3_628_800, 2_000),
        ["requests_succeeded"] = (3_627_600, 2_000),
        ["requests_failed"] = (1_200, 150),
        ["requests_in_flight_at_end"] = (3, 1),
        ["attempts"] = (3_640_000, 2_100),
        ["retries"] = (11_200, 600),
        ["throttled_attempts"] = (10_500, 580),
        ["timeouts"] = (40, 12),
        ["server_errors"] = (300, 60),
        ["availability"] = (0.99967, 0.00004),
        ["failed_rate"] = (0.00033, 0.00004),
        ["throttle_rate"] = (0.0029, 0.0002),
        ["latency_mean_s"] = (0.112, 0.001),
        ["latency_p50_s"] = (0.098, 0.0008),
        ["latency_p90_s"] = (0.16, 0.002),
        ["latency_p99_s"] = (0.41, 0.01),
        ["latency_p999_s"] = (1.2, 0.08),
        ["latency_max_s"] = (9.8, 1.5),
        ["wait_mean_s"] = (0.012, 0.0006),
        ["service_mean_s"] = (0.100, 0.0002),
        ["utilization"] = (0.61, 0.004),
        ["units_ready_mean"] = (9.93, 0.01),
        ["units_desired_mean"] = (10, 0),
        ["unit_hours"] = (1680, 0),
        ["cost"] = (6720, 0),
        ["cost_per_1000_images"] = (1.8525, 0.001),
        ["rated_tps_per_unit"] = (10, 0),
        ["batch_completion_s"] = (double.NaN, double.NaN),
        ["events"] = (25_000_000, 20_000),
        ["wall_s"] = (12.3, 0.5),
    };

    /// <summary>The same line with one more unit: 11 units billed (+10% cost), a little faster.</summary>
    public static Dictionary<string, (double Mean, double Half)> ElevenUnits()
    {
        var m = TenUnits();
        m["units_desired_mean"] = (11, 0);
        m["units_ready_mean"] = (10.92, 0.01);
        m["unit_hours"] = (1848, 0);
        m["cost"] = (7392, 0);
        m["cost_per_1000_images"] = (2.0378, 0.001);
        m["utilization"] = (0.555, 0.004);
        m["wait_mean_s"] = (0.008, 0.0005);
        m["latency_mean_s"] = (0.108, 0.001);
        m["throttled_attempts"] = (6_100, 450);
        m["throttle_rate"] = (0.0017, 0.00015);
        m["retries"] = (6_700, 480);
        return m;
    }

    /// <summary>The ten-unit run again with another seed: every mean moves by less than the CI
    /// half-width; deterministic measures stay; wall time differs (another machine).</summary>
    public static Dictionary<string, (double Mean, double Half)> TenUnitsOtherSeed()
    {
        var m = TenUnits();
        int sign = 1;
        foreach (string key in m.Keys.ToList())
        {
            (double mean, double half) = m[key];
            m[key] = (mean + (sign * 0.8 * half), half);
            sign = -sign;
        }

        // a noisy tail moved by more than 5%, but its interval overlaps the baseline's
        m["latency_p999_s"] = (1.27, 0.09);
        m["wall_s"] = (31.0, 2.0);
        return m;
    }

    /// <summary>Writes <c>summary.csv</c> (and a small <c>summary.json</c>) into a new folder.</summary>
    public static string WriteRun(string folder, Dictionary<string, (double Mean, double Half)> measures, string scenario = "line-3-weekday")
    {
        Directory.CreateDirectory(folder);
        var csv = new StringBuilder("metric,unit,mean,ci95_low,ci95_high,min,max\n");
        foreach ((string name, (double mean, double half)) in measures)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{name},{MeasureNames.UnitOf(name)},{N(mean)},{N(mean - half)},{N(mean + half)},{N(mean - (2 * half))},{N(mean + (2 * half))}\n");
        }

        File.WriteAllText(Path.Combine(folder, "summary.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(folder, "summary.json"),
            $"{{\"tool\":\"lookoutsim\",\"version\":\"0.1.0\",\"scenario\":\"{scenario}\",\"seed\":7,\"replications\":10,\"metrics\":{{}}}}");
        return folder;
    }

    /// <summary>Writes a sweep folder's <c>sweep.csv</c>: one row per (id, min_units, measures).</summary>
    public static string WriteSweep(string folder, IEnumerable<(string Id, int MinUnits, Dictionary<string, (double Mean, double Half)> Measures)> points)
    {
        Directory.CreateDirectory(folder);
        var list = points.ToList();
        string[] names = list[0].Measures.Keys.ToArray();
        var csv = new StringBuilder("point,deployment.min_units");
        foreach (string n in names)
        {
            csv.Append(CultureInfo.InvariantCulture, $",{n}_mean,{n}_ci95_low,{n}_ci95_high");
        }

        csv.Append('\n');
        foreach ((string id, int units, var measures) in list)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{id},{units}");
            foreach (string n in names)
            {
                (double mean, double half) = measures[n];
                csv.Append(CultureInfo.InvariantCulture, $",{N(mean)},{N(mean - half)},{N(mean + half)}");
            }

            csv.Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, "sweep.csv"), csv.ToString());
        return folder;
    }

    /// <summary>The measures of a sweep point with <paramref name="units"/> units.</summary>
    public static Dictionary<string, (double Mean, double Half)> SweepPoint(int units, double availability = 0.9995) => new()
    {
        ["cost"] = (672.0 * units, 0),
        ["availability"] = (availability, 0.0002),
        ["latency_p99_s"] = (0.41 + (1.0 / units), 0.01),
        ["events"] = (2_500_000, 2_000),
        ["wall_s"] = (1.2 * units, 0.1),
    };

    private static string N(double v) => double.IsNaN(v) ? "NaN" : v.ToString("R", CultureInfo.InvariantCulture);
}
