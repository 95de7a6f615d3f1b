using System.Globalization;
using HdrHistogram;
using LookoutSim.Engine;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using MathNet.Numerics.Distributions;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// A closed-form evaluator for the tests of the sweep runner and the planner: its answers follow
/// from queueing formulas, so the planner's search can be checked against a known optimum. It is
/// not a simulation and the product never runs it.
/// </summary>
/// <remarks>
/// <para>A day of <see cref="SweepTestSpec.Hours"/> hours: <see cref="SweepTestSpec.PeakHours"/> at
/// <see cref="SweepTestSpec.PeakTps"/> calls/s, the rest at <see cref="SweepTestSpec.OffpeakShare"/> of it.
/// Units serve <see cref="SweepTestSpec.TpsPerUnit"/> calls/s each (exponential service, concurrency 1).
/// An ideal autoscaler holds ceil(λ / (μ · target)) units, clamped to [min_units, max_units].</para>
/// <para>p99 latency is that of M/M/c at the peak (service + p99 of the Erlang C wait); when
/// λ ≥ cμ, the overload share 1 − cμ/λ fails and p99 is the 10 s timeout. When min_units is below
/// the peak's need, the first <see cref="SweepTestSpec.RampSeconds"/> of the peak run on min_units
/// and the overload share of that ramp fails. With <c>zone_loss=&lt;zone&gt;@&lt;offset_s&gt;</c> the
/// peak's units in that zone (placed round robin) are lost for one hour and not replaced; the
/// <c>outage_*</c> measures are that hour's (its overload share fails, p99 is its M/M/c p99).</para>
/// <para>Replication r multiplies latency, failures and cost by (1 + cv·z) with z from
/// <c>RandomStreams(seed, r).Get("fake")</c> — the same z for every point: common random numbers.</para>
/// </remarks>
internal sealed class SweepTestModel
{
    private const double TimeoutS = 10;

    /// <summary>Creates the evaluator for a spec.</summary>
    public SweepTestModel(SweepTestSpec spec) => Spec = spec;

    /// <summary>The spec.</summary>
    public SweepTestSpec Spec { get; }

    /// <summary>The sweep the spec describes: the cartesian product of its <c>sweep</c> lists over its <c>base</c> parameters, ids <c>p000</c>, <c>p001</c>, ….</summary>
    public SweepDefinition Definition()
    {
        string[] fields = [.. Spec.Sweep.Keys];
        IEnumerable<List<KeyValuePair<string, string>>> combos = [[]];
        foreach (string field in fields)
        {
            string f = field;
            combos = combos.SelectMany(c => Spec.Sweep[f].Select(v => new List<KeyValuePair<string, string>>(c) { new(f, v) })).ToList();
        }

        var points = new List<SweepPoint>();
        foreach (List<KeyValuePair<string, string>> combo in combos)
        {
            var point = new SweepPoint(string.Create(CultureInfo.InvariantCulture, $"p{points.Count:000}"), combo);
            foreach (KeyValuePair<string, string> b in Spec.Base.Where(b => point.Get(b.Key) is null))
            {
                point = point.With(b.Key, b.Value);
            }

            points.Add(point);
        }

        return new SweepDefinition
        {
            Name = Spec.Name,
            ScenarioSha256 = "",
            Seed = Spec.Seed,
            Replications = Spec.Replications,
            Fields = fields,
            Points = points,
            HorizonS = Spec.Hours * 3600,
            Slo = Spec.Slo,
        };
    }

    /// <summary>The model delegates: this evaluator and the product's <see cref="Summaries.Summarize(IReadOnlyList{ReplicationResult})"/>.</summary>
    public SweepModel Model() => new() { Evaluate = Evaluate, Summarize = Summaries.Summarize, BuildRunResult = RunResult };

    /// <summary>A point's <see cref="Metrics.RunResult"/> with the definition's provenance: scenario name <c>&lt;name&gt;/&lt;point id&gt;</c>.</summary>
    public static RunResult RunResult(
        SweepDefinition definition,
        SweepPoint point,
        IReadOnlyList<ReplicationResult> replications,
        IReadOnlyList<MetricSummary> summary,
        IReadOnlyList<SloVerdict> verdicts) => new()
        {
            Version = ToolInfo.Version,
            Scenario = definition.Name + "/" + point.Id,
            ScenarioSha256 = definition.ScenarioSha256,
            Seed = definition.Seed,
            HorizonS = definition.HorizonS,
            WarmupS = definition.WarmupS,
            Currency = definition.Currency,
            Metrics = summary,
            Slo = verdicts,
            Replications = replications,
        };

    /// <summary>The planner's base point: the spec's <c>base</c> parameters.</summary>
    public SweepPoint BasePoint() => new("base", [.. Spec.Base]);

    /// <summary>Evaluates replication <paramref name="replication"/> of <paramref name="point"/>.</summary>
    public ReplicationResult Evaluate(SweepPoint point, int replication, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SweepTestSpec s = Spec;
        double z = Normal.Sample(new RandomStreams(s.Seed, replication).Get("fake"), 0, 1);

        int min = Units(point, "deployment.min_units", s.Base, 1);
        int max = Math.Max(min, Units(point, "deployment.max_units", s.Base, min));
        double target = Share(point.Get("autoscaling.target") ?? Lookup(s.Base, "autoscaling.target") ?? "70%");

        double lambda = s.PeakTps, mu = s.TpsPerUnit;
        int needPeak = (int)Math.Ceiling(lambda / (mu * target) - 1e-9);
        int needOff = (int)Math.Ceiling(lambda * s.OffpeakShare / (mu * target) - 1e-9);
        int uPeak = Math.Clamp(needPeak, min, max);
        int uOff = Math.Clamp(needOff, min, max);

        (double p99, double overload) = Peak(uPeak, lambda, mu);
        double failedCalls = 0;
        if (overload > 0)
        {
            failedCalls += overload * lambda * s.PeakHours * 3600;
        }

        if (min < needPeak)
        {
            failedCalls += Math.Max(0, 1 - (min * mu / lambda)) * lambda * s.RampSeconds;
        }

        string? loss = point.Get(SweepPoint.ZoneLossParameter);
        (double P99, double Overload)? lossHour = null;
        if (loss is not null)
        {
            string zone = loss.Split('@')[0];
            int zi = Math.Max(0, s.Zones.IndexOf(zone));
            int zones = Math.Max(1, s.Zones.Count);
            int lost = (uPeak / zones) + (zi < uPeak % zones ? 1 : 0);
            (double lossP99, double lossOverload) = Peak(uPeak - lost, lambda, mu);
            p99 = Math.Max(p99, lossP99);
            failedCalls += lossOverload * lambda * 3600;
            lossHour = (lossP99, lossOverload);
        }

        double arrived = lambda * 3600 * (s.PeakHours + (s.OffpeakShare * (s.Hours - s.PeakHours)));
        double noise = 1 + (s.NoiseCv * z);
        double failedRate = Math.Clamp(failedCalls / arrived * noise, 0, 1);
        double latency = p99 * noise;
        double unitHours = (uPeak * s.PeakHours) + (uOff * (s.Hours - s.PeakHours));
        double cost = unitHours * s.PricePerUnitHour * (1 + (s.NoiseCv / 4 * z));
        double failed = Math.Round(arrived * failedRate);

        var hist = new LongHistogram(3_600_000_000L, 3);
        hist.RecordValue((long)(latency * 1e6));
        var m = new Dictionary<string, double>();
        foreach ((string name, string _) in MeasureNames.All)
        {
            m[name] = double.NaN;
        }

        m["requests_arrived"] = Math.Round(arrived);
        m["requests_succeeded"] = Math.Round(arrived) - failed;
        m["requests_failed"] = failed;
        m["requests_in_flight_at_end"] = 0;
        m["attempts"] = Math.Round(arrived);
        m["retries"] = 0;
        m["throttled_attempts"] = 0;
        m["timeouts"] = 0;
        m["server_errors"] = 0;
        m["availability"] = 1 - failedRate;
        m["failed_rate"] = failedRate;
        m["throttle_rate"] = 0;
        m["latency_p99_s"] = latency;
        m["latency_mean_s"] = (1 / mu) * noise;
        m["service_mean_s"] = 1 / mu;
        m["utilization"] = Math.Min(1, lambda / (uPeak * mu));
        m["units_ready_mean"] = unitHours / s.Hours;
        m["units_desired_mean"] = unitHours / s.Hours;
        m["unit_hours"] = unitHours;
        m["cost"] = cost;
        m["cost_per_1000_images"] = cost / arrived * 1000;
        m["rated_tps_per_unit"] = mu;
        m["events"] = 0;
        m["wall_s"] = 0;
        if (lossHour is { } h)
        {
            double lossFailed = Math.Clamp(h.Overload * noise, 0, 1);
            m[MeasureNames.OutagePrefix + "window_s"] = 3600;
            m[MeasureNames.OutagePrefix + "requests_arrived"] = Math.Round(lambda * 3600);
            m[MeasureNames.OutagePrefix + "failed_rate"] = lossFailed;
            m[MeasureNames.OutagePrefix + "availability"] = 1 - lossFailed;
            m[MeasureNames.OutagePrefix + "latency_p99_s"] = h.P99 * noise;
        }

        return new ReplicationResult { Replication = replication, Measures = m, LatencyMicros = hist };
    }

    /// <summary>(p99 latency s, overload share) of M/M/c at λ with c servers of rate μ.</summary>
    private static (double P99, double Overload) Peak(int servers, double lambda, double mu)
    {
        if (servers < 1 || lambda >= servers * mu)
        {
            return (TimeoutS, servers < 1 ? 1 : 1 - (servers * mu / lambda));
        }

        double c = QueueingTheory.ErlangC(servers, lambda / mu);
        double wait = c > 0.01 ? Math.Log(c / 0.01) / ((servers * mu) - lambda) : 0;
        return (Math.Min(TimeoutS, (1 / mu) + wait), 0);
    }

    private static string? Lookup(IReadOnlyDictionary<string, string> d, string key) => d.TryGetValue(key, out string? v) ? v : null;

    private static int Units(SweepPoint p, string path, IReadOnlyDictionary<string, string> b, int fallback)
    {
        string? v = p.Get(path) ?? Lookup(b, path);
        return v is null ? fallback : int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static double Share(string v) => v.EndsWith('%')
        ? double.Parse(v[..^1], NumberStyles.Float, CultureInfo.InvariantCulture) / 100
        : double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>What <see cref="SweepTestModel"/> evaluates. Every field has a default.</summary>
internal sealed record SweepTestSpec
{
    /// <summary>Name of the sweep.</summary>
    public string Name { get; init; } = "test-model";

    /// <summary>Master seed.</summary>
    public ulong Seed { get; init; } = 7;

    /// <summary>Replications per point.</summary>
    public int Replications { get; init; } = 5;

    /// <summary>Calls/s at the peak.</summary>
    public double PeakTps { get; init; } = 20;

    /// <summary>Load off peak as a share of the peak.</summary>
    public double OffpeakShare { get; init; } = 0.3;

    /// <summary>Hours at the peak.</summary>
    public double PeakHours { get; init; } = 8;

    /// <summary>Hours in the horizon.</summary>
    public double Hours { get; init; } = 24;

    /// <summary>Start of the busiest hour, seconds from the start (for the zone-loss check).</summary>
    public double BusiestHourS { get; init; } = 10 * 3600;

    /// <summary>Seconds at the start of the peak served by min_units alone.</summary>
    public double RampSeconds { get; init; } = 600;

    /// <summary>Rated calls/s of one unit.</summary>
    public double TpsPerUnit { get; init; } = 5;

    /// <summary>Price of a unit-hour.</summary>
    public double PricePerUnitHour { get; init; } = 4;

    /// <summary>Zone names.</summary>
    public List<string> Zones { get; init; } = ["az1", "az2", "az3"];

    /// <summary>Replication noise: coefficient of variation.</summary>
    public double NoiseCv { get; init; } = 0.02;

    /// <summary>SLO targets.</summary>
    public SloTargets Slo { get; init; } = new(1.0, 0.001, 0.999);

    /// <summary>Base parameters (field path → value) every point starts from.</summary>
    public Dictionary<string, string> Base { get; init; } = new()
    {
        ["deployment.min_units"] = "2",
        ["deployment.max_units"] = "8",
        ["autoscaling.target"] = "70%",
    };

    /// <summary>Swept fields (path → values as written), in order.</summary>
    public Dictionary<string, List<string>> Sweep { get; init; } = [];
}
