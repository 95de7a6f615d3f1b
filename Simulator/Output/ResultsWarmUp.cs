using CsvHelper;
using HdrHistogram;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>The results folder's warm-up: what a run may do on a spare core while it simulates.</summary>
public static partial class ResultsFolder
{
    /// <summary>
    /// Goes once through everything a results folder is written with — the chart series, every
    /// chart (laid out, PNG and SVG), every data file, <c>summary.json</c>, the summary table and the
    /// report — for a made-up two-day result, on the calling thread alone, writing nowhere (files go
    /// to <see cref="Stream.Null"/>). The code the real folder is written with is then compiled, and
    /// the per-row code optimised, before the simulation ends; nothing any run writes changes.
    /// Stops between steps when <paramref name="ct"/> is cancelled (the simulation has ended).
    /// </summary>
    public static void WarmUp(CancellationToken ct)
    {
        RunResult result = Rehearsal();
        ChartData data = ChartData.From(result);
        var charts = new List<Chart>();
        foreach (string name in Charts.Names)
        {
            ct.ThrowIfCancellationRequested();
            charts.Add(Charts.Draw(name, result, data));
        }

        static CsvWriter Nowhere(IReadOnlyList<string> header) => ResultsCsv.Open(Stream.Null, header);
        ct.ThrowIfCancellationRequested();
        SummaryJson.Write(result, Stream.Null);
        ResultsCsv.WriteSummary(result, Nowhere, ct);
        ResultsCsv.WriteReplications(result, Nowhere, ct);
        ResultsCsv.WriteTimeSeries(result, Nowhere, ct);
        ct.ThrowIfCancellationRequested();
        ResultsCsv.WriteZones(result, Nowhere, ct);
        ResultsCsv.WriteEvents(result, Nowhere, ct);
        ResultsCsv.WriteLatencyHistogram(result, Nowhere, ct);
        ct.ThrowIfCancellationRequested();
        HtmlReport.Write(result, charts, DateTimeOffset.UnixEpoch, TextWriter.Null);
        SummaryTable.Write(result, TextWriter.Null);
    }

    /// <summary>
    /// A made-up result shaped like a real one (two days at one-minute intervals, three zones, one of
    /// them down for two hours, scaling events, a latency histogram, SLO verdicts), so that the
    /// warm-up takes the same paths as a real folder, the block-averaged chart series included.
    /// </summary>
    internal static RunResult Rehearsal()
    {
        const double interval = 60;
        const double horizon = 2 * 86400;
        const double outageStart = 30 * 3600, outageEnd = 32 * 3600;
        string[] zones = ["zone-a", "zone-b", "zone-c"];
        var series = new List<TimeSeriesRow>();
        var zoneRows = new List<ZoneRow>();
        var latency = new LongHistogram(1, 3_600_000_000L, 3);
        for (double t = 0; t < horizon; t += interval)
        {
            double load = 0.6 + (0.4 * Math.Sin(2 * Math.PI * t / 86400));
            long arrivals = (long)(1200 * load);
            int units = 2 + (int)(6 * load);
            bool outage = t >= outageStart && t < outageEnd;
            series.Add(new TimeSeriesRow
            {
                Replication = 0,
                TimeS = t,
                Arrivals = arrivals,
                Attempts = arrivals + 3,
                Succeeded = arrivals - 2,
                Throttled = 3,
                Failed = 2,
                Timeouts = 1,
                UnitsDesired = units,
                UnitsReady = outage ? units - 1 : units,
                CapacityTps = 5.0 * units,
                Utilization = load,
                LatencyP50S = 0.2 + (0.1 * load),
                LatencyP99S = 0.6 + (0.5 * load),
                Cost = units * interval / 3600,
            });
            for (int z = 0; z < zones.Length; z++)
            {
                bool up = !(outage && z == 1);
                zoneRows.Add(new ZoneRow { Replication = 0, TimeS = t, Zone = zones[z], Up = up, UnitsReady = up ? (units + z) / 3 : 0 });
            }

            latency.RecordValue((long)(1e6 * (0.15 + (0.3 * load) + (0.0001 * (t % 997)))));
        }

        EventRow[] events =
        [
            new() { Replication = 0, TimeS = 0, Kind = "model_starting", Detail = "schedule" },
            new() { Replication = 0, TimeS = 3600, Kind = "scale_out", Detail = "utilization 0.90 vs target 0.70, 2 -> 3" },
            new() { Replication = 0, TimeS = outageStart, Kind = "zone_down", Zone = zones[1], Detail = "scheduled outage" },
            new() { Replication = 0, TimeS = outageEnd, Kind = "zone_up", Zone = zones[1] },
        ];
        var measures = MeasureNames.All.ToDictionary(m => m.Name, m => (double)m.Name.Length);
        var replication = new ReplicationResult
        {
            Replication = 0,
            Measures = measures,
            LatencyMicros = latency,
            TimeSeries = series,
            Zones = zoneRows,
            Events = events,
        };
        return new RunResult
        {
            Version = OutputManifest.Version,
            Scenario = "warm-up",
            ScenarioSha256 = new string('0', 64),
            Seed = 1,
            HorizonS = horizon,
            WarmupS = 0,
            IntervalS = interval,
            Description = "warm-up",
            Deployment = "2 to 8 units over 3 zones",
            Start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Zones = zones,
            Metrics = [.. MeasureNames.All.Select(m => new MetricSummary(m.Name, m.Unit, measures[m.Name], double.NaN, double.NaN, measures[m.Name], measures[m.Name]))],
            Slo = [new SloVerdict("latency_p99", 1.5, 1, true), new SloVerdict("availability", 0.999, 1, true)],
            Replications = [replication],
            ResolvedScenarioYaml = "name: warm-up\nhorizon: 2d\n",
            PresetNotes = ["warm-up"],
            Assumptions = ["warm-up"],
        };
    }
}
