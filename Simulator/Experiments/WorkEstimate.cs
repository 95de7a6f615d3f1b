using System.Globalization;

namespace LookoutSim.Experiments;

/// <summary>One limit on the work of a command: what it bounds, the bound, and whether <c>--i-know</c> lifts it.</summary>
/// <param name="What">What is bounded, as a message names it (e.g. "requests per replication").</param>
/// <param name="Bound">The largest value allowed.</param>
/// <param name="Soft">True when <c>--i-know</c> lifts it; a hard limit (array sizes, counters) always holds.</param>
public sealed record WorkLimit(string What, double Bound, bool Soft);

/// <summary>
/// The limits of <c>run</c>, <c>sweep</c>, <c>plan</c> and <c>validate</c>: far above what a capacity
/// planner asks for (the reference week of <c>bench.yaml</c> is about 12 M requests and 10,080
/// intervals per replication), low enough that a typing slip (a rate of 1e15/s, a 100-year horizon at
/// one-minute intervals, a million sweep points) is refused at once instead of running for days or
/// exhausting memory. Soft limits are lifted by <c>--i-know</c>; hard ones are not.
/// </summary>
public static class WorkLimits
{
    /// <summary>Expected requests (first attempts) in one replication: 2e9 (about ten minutes of simulation).</summary>
    public static readonly WorkLimit RequestsPerReplication = new("requests per replication", 2e9, Soft: true);

    /// <summary>Hard: expected requests in one replication, 1e12 (the counters and the clock stay exact).</summary>
    public static readonly WorkLimit RequestsPerReplicationHard = new("requests per replication", 1e12, Soft: false);

    /// <summary>Expected requests over every point and replication: 1e11 (about ten core-hours).</summary>
    public static readonly WorkLimit TotalRequests = new("requests over all points and replications", 1e11, Soft: true);

    /// <summary>Per-interval rows a run holds until it writes them (intervals × replications of one point): 1e7, about 1.2 GB.</summary>
    public static readonly WorkLimit RowsHeld = new("per-interval rows held in memory (intervals × replications)", 1e7, Soft: true);

    /// <summary>Hard: intervals of one replication, 1e8 (each interval is a slot of several arrays).</summary>
    public static readonly WorkLimit Intervals = new("intervals per replication", 1e8, Soft: false);

    /// <summary>Replications of one point: 1,000.</summary>
    public static readonly WorkLimit Replications = new("replications", 1_000, Soft: true);

    /// <summary>Points of a sweep, counted before they are built: 10,000.</summary>
    public static readonly WorkLimit SweepPoints = new("sweep points", 10_000, Soft: true);

    /// <summary>Hard: points of a sweep, 100,000 (each is a whole scenario in memory).</summary>
    public static readonly WorkLimit SweepPointsHard = new("sweep points", 100_000, Soft: false);

    /// <summary>Times a cron fires in one replication (schedule entries and batch-job starts, each kept in a list): 1e6.</summary>
    public static readonly WorkLimit TimedEvents = new("scheduled times (cron firings) per replication", 1e6, Soft: true);

    /// <summary>Hard: cron firings per replication, 1e7 (counting stops there).</summary>
    public static readonly WorkLimit TimedEventsHard = new("scheduled times (cron firings) per replication", 1e7, Soft: false);

    /// <summary>Autoscaler evaluations per replication (each an event): 1e8.</summary>
    public static readonly WorkLimit Evaluations = new("autoscaler evaluations per replication", 1e8, Soft: true);

    /// <summary>Lifecycle event rows held until they are written (unit failures, zone outages, schedule; × replications of one point): 1e7.</summary>
    public static readonly WorkLimit EventRowsHeld = new("event rows held in memory (unit failures, outages, schedule × replications)", 1e7, Soft: true);

    /// <summary>Size of one trace file, read in full by every check and replication: 2 GB.</summary>
    public static readonly WorkLimit TraceBytes = new("bytes of one trace file", 2e9, Soft: true);

    /// <summary>Hard: size of a measurements file for <c>calibrate</c>, 64 MB (millions of measured images; it is read whole).</summary>
    public static readonly WorkLimit MeasurementBytes = new("bytes of a measurements file", 64 * 1024 * 1024, Soft: false);

    /// <summary>Bytes a replication holds per interval: the time-series columns (about 120) and 9 per zone.</summary>
    public static double BytesPerInterval(int zones) => 120 + (9.0 * Math.Max(1, zones));

    /// <summary>Bytes one row of events.csv takes while held (an object with its strings).</summary>
    public const double BytesPerEventRow = 150;

    /// <summary>Bytes a replication holds whatever its length: latency histograms, measures, event rows (an estimate).</summary>
    public const double BytesPerReplication = 256 * 1024;
}

/// <summary>
/// The work a command is about to do, estimated from the scenario before anything runs: expected
/// requests from the traffic over the horizon (a trace's counted calls), the retries' bound
/// (requests × max attempts), intervals, points × replications, and the results held in memory.
/// Where points differ, each figure is the largest point's (totals are summed).
/// </summary>
public sealed record WorkEstimate
{
    /// <summary>Expected requests (first attempts) of one replication.</summary>
    public double RequestsPerReplication { get; init; }

    /// <summary>Most attempts a request may take (retries included): requests × this bounds the attempts.</summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>Metric intervals of one replication (horizon ÷ interval, rounded up).</summary>
    public double Intervals { get; init; }

    /// <summary>Zones of the deployment.</summary>
    public int Zones { get; init; } = 1;

    /// <summary>Points (1 for a plain run).</summary>
    public double Points { get; init; } = 1;

    /// <summary>Replications of each point.</summary>
    public int Replications { get; init; } = 1;

    /// <summary>Expected requests over every point and replication.</summary>
    public double TotalRequests { get; init; }

    /// <summary>Cron firings of one replication (schedule entries and batch-job starts).</summary>
    public double TimedEvents { get; init; }

    /// <summary>Expected lifecycle event rows of one replication from unit failures, random zone outages and the schedule (scale decisions, which depend on the load, are not counted).</summary>
    public double EventRows { get; init; }

    /// <summary>The largest trace file, bytes (0 when there is none).</summary>
    public double TraceBytes { get; init; }

    /// <summary>Autoscaler evaluations per replication (horizon ÷ <c>autoscaling.evaluation</c> when the autoscaler runs), the most over the points.</summary>
    public double Evaluations { get; init; }

    /// <summary>Per-interval rows held until the results are written: intervals × replications of one point.</summary>
    public double RowsHeld => Intervals * Replications;

    /// <summary>Memory held by one point's results until they are written, bytes (an estimate).</summary>
    public double HeldBytes => Replications * ((Intervals * WorkLimits.BytesPerInterval(Zones)) + (EventRows * WorkLimits.BytesPerEventRow) + WorkLimits.BytesPerReplication);

    /// <summary>The figures, in one line: <c>work: ~N requests …</c>.</summary>
    public string Describe()
    {
        string points = Points == 1 ? "1 point" : $"{Count(Points)} points";
        string retries = MaxAttempts > 1 ? $" (≤ {Count(RequestsPerReplication * MaxAttempts)} attempts with retries)" : "";
        return $"work: ~{Count(RequestsPerReplication)} requests{retries} and {Count(Intervals)} intervals per replication, "
            + $"{points} × {Count(Replications)} replications = ~{Count(TotalRequests)} requests; ~{Megabytes(HeldBytes)} of results held at once";
    }

    /// <summary>Every limit this work is over, each as a message with the estimate, the limit and whether <c>--i-know</c> lifts it.</summary>
    /// <param name="iKnow">True when the user passed <c>--i-know</c>: soft limits are lifted.</param>
    public IReadOnlyList<string> Exceeded(bool iKnow)
    {
        var over = new List<string>();
        void Check(double value, WorkLimit limit)
        {
            if ((iKnow && limit.Soft) || !(value > limit.Bound || double.IsNaN(value)))
            {
                return;
            }

            string lift = limit.Soft
                ? "pass --i-know to run it anyway"
                : "a hard limit, which --i-know does not lift";
            // Counts the scenario states (points, replications, intervals) are exact; the rest are estimates.
            string about = limit.What is "sweep points" or "replications" or "intervals per replication" ? "" : "~";
            over.Add($"the work is over a limit: {about}{Count(value)} {limit.What}, the limit is {Count(limit.Bound)} ({lift}; limits: README, 'Limits')");
        }

        Check(Points, WorkLimits.SweepPointsHard);
        Check(Points, WorkLimits.SweepPoints);
        Check(Intervals, WorkLimits.Intervals);
        Check(RequestsPerReplication, WorkLimits.RequestsPerReplicationHard);
        Check(RequestsPerReplication, WorkLimits.RequestsPerReplication);
        Check(TotalRequests, WorkLimits.TotalRequests);
        Check(Replications, WorkLimits.Replications);
        Check(RowsHeld, WorkLimits.RowsHeld);
        Check(EventRows * Replications, WorkLimits.EventRowsHeld);
        Check(TimedEvents, WorkLimits.TimedEventsHard);
        Check(TimedEvents, WorkLimits.TimedEvents);
        Check(TraceBytes, WorkLimits.TraceBytes);
        Check(Evaluations, WorkLimits.Evaluations);

        // A hard limit's message makes the soft one on the same figure redundant.
        return [.. over.Where((m, i) => i == 0 || !SameFigure(over[i - 1], m))];
    }

    /// <summary>A count for a message: grouped digits up to a trillion, else scientific (1.2e+15).</summary>
    public static string Count(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e12
            ? Math.Round(value).ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString("0.#e+0", CultureInfo.InvariantCulture);

    private static string Megabytes(double bytes) =>
        bytes >= 1e12 || !double.IsFinite(bytes)
            ? Count(bytes) + " bytes"
            : (bytes / (1024 * 1024)).ToString(bytes < 1024 * 1024 * 10 ? "0.#" : "#,0", CultureInfo.InvariantCulture) + " MB";

    private static bool SameFigure(string a, string b)
    {
        static string Figure(string m) => m[..m.IndexOf(", the limit", StringComparison.Ordinal)];
        return Figure(a) == Figure(b);
    }
}
