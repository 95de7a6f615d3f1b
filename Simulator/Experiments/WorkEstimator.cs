using System.Globalization;
using LookoutSim.Scenarios;
using S = LookoutSim.Scenarios;

namespace LookoutSim.Experiments;

/// <summary>
/// Estimates the work of scenarios before they run (<see cref="WorkEstimate"/>) and reads every
/// trace file they replay once, start to end, in bounded memory, turning its problems into
/// diagnostics (file, line, column, what was wrong). <c>run</c>, <c>sweep</c>, <c>plan</c> and
/// <c>validate</c> call it between loading a scenario and running it.
/// </summary>
public static class WorkEstimator
{
    /// <summary>The points a scenario's sweep expands to (1 without a sweep), counted without building them.</summary>
    public static double SweepPoints(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Sweep is not { } sweep || sweep.Parameters.Count == 0)
        {
            return 1;
        }

        return sweep.Mode == SweepMode.Zip
            ? sweep.Parameters.Min(p => (double)p.Values.Count)
            : sweep.Parameters.Aggregate(1.0, (n, p) => n * p.Values.Count);
    }

    /// <summary>The estimate of a sweep's size alone, for a refusal before its points are built.</summary>
    public static WorkEstimate ForPointCount(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new WorkEstimate { Points = SweepPoints(scenario), Replications = scenario.Replications };
    }

    /// <summary>
    /// The work of running every scenario in <paramref name="points"/> (the points of a sweep, or one
    /// scenario) with its replications. Trace files are scanned (each distinct replay once); their
    /// problems are returned in <paramref name="diagnostics"/> (errors, and a warning for a trace none
    /// of whose calls falls inside the horizon). A trace over <see cref="WorkLimits.TraceBytes"/> is
    /// not scanned unless <paramref name="iKnow"/>; the estimate then names it as over the limit.
    /// </summary>
    /// <param name="points">The scenarios to run (at least one).</param>
    /// <param name="traces">Reads the trace files.</param>
    /// <param name="iKnow">True with <c>--i-know</c>.</param>
    /// <param name="diagnostics">Problems of the trace files.</param>
    public static WorkEstimate Estimate(IReadOnlyList<Scenario> points, ITraceFiles traces, bool iKnow, out IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(traces);
        var problems = new List<Diagnostic>();
        diagnostics = problems;
        var scans = new Dictionary<(string, string, TimeSpan, DateTimeOffset, double, double), TraceCheck>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        double perReplication = 0, total = 0, intervals = 0, timed = 0, traceBytes = 0, events = 0;
        int attempts = 1, zones = 1, replications = 1;
        double evaluations = 0;
        foreach (Scenario s in points)
        {
            double horizon = s.Horizon.TotalSeconds;
            double requests = 0;
            for (int index = 0; index < s.Traffic.Count; index++)
            {
                S.TrafficSource t = s.Traffic[index];
                attempts = Math.Max(attempts, Math.Max(t.Client.Retry.MaxAttempts, 1));
                if (t.Pattern == TrafficPattern.Trace && t.Trace is { } trace)
                {
                    double bytes = traces.Size(trace);
                    traceBytes = Math.Max(traceBytes, bytes);
                    if (bytes > WorkLimits.TraceBytes.Bound && !iKnow)
                    {
                        continue;
                    }

                    // Scanned once per replay (a sweep of the scale reads the file once): calls are linear in the scale.
                    var key = (trace.File, trace.Column, trace.Interval, s.Start, trace.Speed, horizon);
                    if (!scans.TryGetValue(key, out TraceCheck? scan))
                    {
                        scan = traces.Check(trace, s.Start, horizon);
                        scans[key] = scan;
                        Report(index, trace, scan, horizon, seen, problems);
                    }

                    requests += scan.CallsInHorizon * trace.Scale;
                }
                else
                {
                    requests += Expected(s, t, horizon);
                }
            }

            double fired = s.Schedule.Sum(e => Fires(s, e.Cron, e.At));
            perReplication = Math.Max(perReplication, requests);
            total += requests * s.Replications;
            intervals = Math.Max(intervals, Math.Ceiling((horizon / s.Interval.TotalSeconds) - 1e-9));
            timed = Math.Max(timed, fired + s.Traffic.Where(t => t.Closed is not null).Sum(t => Starts(s, t.Closed!)));
            events = Math.Max(events, EventRows(s, fired));
            zones = Math.Max(zones, s.Deployment.Zones.Count);
            bool scales = s.Deployment.AutoscalingEnabled || s.Schedule.Any(e => e.MaxUnits > (e.MinUnits ?? s.Deployment.MinUnits));
            if (scales && s.Autoscaling.Evaluation > TimeSpan.Zero)
            {
                evaluations = Math.Max(evaluations, Math.Ceiling(horizon / s.Autoscaling.Evaluation.TotalSeconds));
            }

            replications = Math.Max(replications, s.Replications);
        }

        return new WorkEstimate
        {
            RequestsPerReplication = perReplication,
            MaxAttempts = attempts,
            Intervals = intervals,
            Zones = zones,
            Points = points.Count,
            Replications = replications,
            TotalRequests = total,
            TimedEvents = timed,
            TraceBytes = traceBytes,
            EventRows = events,
            Evaluations = evaluations,
        };
    }

    /// <summary>
    /// Expected rows of events.csv in one replication: a unit failure writes about 3 (failed,
    /// provisioning, ready), a random zone outage or a schedule entry 2 and about 3 per unit.
    /// </summary>
    private static double EventRows(Scenario s, double scheduleFires)
    {
        double horizon = s.Horizon.TotalSeconds;
        double units = Math.Max(s.Deployment.MaxUnits, s.Deployment.MinUnits);
        double rows = 0;
        if (s.Failures.UnitMtbf is { } mtbf && mtbf > TimeSpan.Zero)
        {
            rows += 3 * units * horizon / mtbf.TotalSeconds;
        }

        foreach (S.ZoneOutage o in s.Failures.ZoneOutages)
        {
            double times = o.IsRandom && o.Every is { } every && every > TimeSpan.Zero ? horizon / every.TotalSeconds : 1;
            rows += times * (2 + (3 * units));
        }

        return rows + (scheduleFires * (2 + (3 * units)));
    }

    /// <summary>Expected requests of a source without a file over <paramref name="horizon"/> seconds.</summary>
    internal static double Expected(Scenario scenario, S.TrafficSource t, double horizon)
    {
        switch (t.Pattern)
        {
            case TrafficPattern.Poisson:
                return t.Rate * horizon;
            case TrafficPattern.Daily:
                {
                    // The profile has mean 1; the weekdays weigh the days (their mean over a week).
                    WeekdayMultipliers w = t.Weekdays;
                    double week = (w.Mon + w.Tue + w.Wed + w.Thu + w.Fri + w.Sat + w.Sun) / 7;
                    return t.Rate * horizon * week;
                }

            case TrafficPattern.Steps:
                return Steps(t, horizon);
            case TrafficPattern.Bursty when t.Bursts is { } b:
                {
                    double normal = b.NormalDuration.TotalSeconds, burst = b.BurstDuration.TotalSeconds;
                    return normal + burst > 0 ? ((b.NormalRate * normal) + (b.BurstRate * burst)) / (normal + burst) * horizon : 0;
                }

            case TrafficPattern.Closed when t.Closed is { } job:
                return job.Images * Starts(scenario, job);
            default:
                return 0;
        }
    }

    /// <summary>∫ rate dt of a steps source over [0, horizon), repeating with its period.</summary>
    private static double Steps(S.TrafficSource t, double horizon)
    {
        if (t.Steps.Count == 0)
        {
            return 0;
        }

        var steps = t.Steps.OrderBy(s => s.At).ToArray();
        double period = t.Repeat?.TotalSeconds ?? double.PositiveInfinity;

        // Calls from 0 to x (x within one period).
        double Within(double x)
        {
            double sum = 0;
            for (int i = 0; i < steps.Length; i++)
            {
                double from = steps[i].At.TotalSeconds;
                double to = i + 1 < steps.Length ? steps[i + 1].At.TotalSeconds : double.PositiveInfinity;
                if (x <= from)
                {
                    break;
                }

                sum += steps[i].Rate * (Math.Min(x, to) - from);
            }

            return sum;
        }

        if (!(period < horizon) || !(period > 0))
        {
            return Within(horizon);
        }

        double whole = Math.Floor(horizon / period);
        return (whole * Within(period)) + Within(horizon - (whole * period));
    }

    /// <summary>How often a batch job starts (once at 0 without a cron or an offset).</summary>
    private static double Starts(Scenario scenario, ClosedJob job) =>
        Fires(scenario, job.Cron, job.At ?? (job.Cron is null ? TimeSpan.Zero : null));

    /// <summary>How often a cron (or one offset) fires within the horizon, counting at most one past the hard limit.</summary>
    private static double Fires(Scenario scenario, CronSchedule? cron, TimeSpan? at)
    {
        if (cron is null && at is null)
        {
            return 0;
        }

        double cap = WorkLimits.TimedEventsHard.Bound;
        double n = 0;
        foreach (double _ in ScenarioCompiler.Times(scenario, cron, at))
        {
            if (++n > cap)
            {
                break;
            }
        }

        return n;
    }

    private static void Report(int index, TraceReplay trace, TraceCheck scan, double horizon, HashSet<string> seen, List<Diagnostic> problems)
    {
        string field = string.Create(CultureInfo.InvariantCulture, $"traffic[{index}].file");
        foreach (TraceProblem e in scan.Problems)
        {
            Add(new Diagnostic { File = e.File, Line = e.Line, Column = e.Column, Path = field, Message = $"{field}: {e.Message}" });
        }

        if (scan.IsValid && scan.CallsInHorizon == 0)
        {
            string last = double.IsNaN(scan.LastTime) ? "" : string.Create(CultureInfo.InvariantCulture, $"; its last row is at {scan.LastTime:0.###} s ÷ speed {trace.Speed:R}");
            Add(new Diagnostic
            {
                File = scan.ShownName,
                Path = field,
                Message = string.Create(CultureInfo.InvariantCulture, $"{field}: no call of the trace falls inside the horizon ({horizon:0.###} s){last}: the source sends nothing"),
                Severity = DiagnosticSeverity.Warning,
            });
        }

        void Add(Diagnostic d)
        {
            if (seen.Add(d.ToString()))
            {
                problems.Add(d);
            }
        }
    }
}
