using System.Globalization;
using LookoutSim.Scenarios;

namespace LookoutSim.Output;

/// <summary>
/// Progress of a long run, sweep or plan on stderr. On an interactive terminal: one line redrawn in
/// place with a bar, percentage and ETA. When stderr is redirected or <c>CI=true</c>: a plain line at
/// each 10% step (at most one every 2 s, plus the last). With <c>--quiet</c>: nothing. Nothing at all
/// is shown until the work has taken a second, so quick runs stay silent; <see cref="Line"/> shows
/// at once.
/// </summary>
/// <remarks>Thread-safe: replications finishing in parallel may report at once. Reads the wall clock
/// through a <see cref="TimeProvider"/> (tests pass their own), which is fine here and never in the
/// model. Redraws of the bar are throttled to 10 per second.</remarks>
public sealed class ProgressReporter
{
    /// <summary>Seconds before anything is shown.</summary>
    public const double QuietPeriodS = 1;

    private const int BarWidth = 30;
    private readonly TextWriter err;
    private readonly Mode mode;
    private readonly string what;
    private readonly string prefix;
    private readonly TimeProvider time;
    private readonly long started;
    private readonly Lock gate = new();
    private double lastDrawS = double.NegativeInfinity;
    private int lastDecile = -1;
    private int lastWidth;
    private long done;
    private long total;
    private bool shown;
    private bool barOpen;
    private bool completed;

    /// <summary>Creates a reporter.</summary>
    /// <param name="err">Where progress goes (stderr).</param>
    /// <param name="mode">How progress shows (see <see cref="Choose"/>).</param>
    /// <param name="what">What is counted, plural (<c>replications</c>, <c>candidates</c>).</param>
    /// <param name="time">The clock elapsed time and the ETA are read from.</param>
    /// <param name="label">What is running, put before each line (e.g. <c>sweep line-3: 24 points × 10 replications</c>), or null.</param>
    public ProgressReporter(TextWriter err, Mode mode, string what, TimeProvider time, string? label = null)
    {
        this.err = err;
        this.mode = mode;
        this.what = what;
        this.time = time;
        prefix = string.IsNullOrEmpty(label) ? "" : label + ": ";
        started = time.GetTimestamp();
    }

    /// <summary>How progress shows.</summary>
    public enum Mode
    {
        /// <summary>Nothing.</summary>
        Quiet,

        /// <summary>Plain lines (redirected stderr, CI).</summary>
        Lines,

        /// <summary>A bar redrawn in place.</summary>
        Bar,
    }

    /// <summary>The mode to use for a writer: <see cref="Mode.Bar"/> only when it is the process's
    /// stderr, stderr is a terminal and <c>CI</c> is not <c>true</c>.</summary>
    public static Mode Choose(TextWriter err, bool quiet)
    {
        if (quiet)
        {
            return Mode.Quiet;
        }

        bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        bool terminal = ReferenceEquals(err, Console.Error) && !Console.IsErrorRedirected;
        return terminal && !ci ? Mode.Bar : Mode.Lines;
    }

    /// <summary>Creates the reporter for <paramref name="err"/> on the system clock (see <see cref="Choose"/>).</summary>
    /// <param name="err">Where progress goes (stderr).</param>
    /// <param name="quiet"><c>--quiet</c>: report nothing.</param>
    /// <param name="what">What is counted, plural (<c>replications</c>, <c>candidates</c>).</param>
    /// <param name="label">What is running, put before each line, or null.</param>
    public static ProgressReporter Create(TextWriter err, bool quiet, string what = "replications", string? label = null) =>
        new(err, Choose(err, quiet), what, TimeProvider.System, label);

    /// <summary>An elapsed time or ETA, whole seconds, as a scenario would write it: <c>45s</c>, <c>3m5s</c>, <c>1h2m</c>.</summary>
    public static string Duration(double seconds) =>
        double.IsFinite(seconds) && seconds >= 0 && seconds < ScenarioLimits.MaxDuration.TotalSeconds
            ? ScenarioValues.FormatDuration(TimeSpan.FromSeconds(Math.Round(seconds)))
            : "?";

    /// <summary>Reports that <paramref name="done"/> of <paramref name="total"/> are finished.</summary>
    public void Report(long done, long total)
    {
        if (mode == Mode.Quiet)
        {
            return;
        }

        lock (gate)
        {
            if (completed)
            {
                return;
            }

            this.done = Math.Clamp(done, 0, Math.Max(total, 0));
            this.total = Math.Max(total, 0);
            double now = Now();
            if (now < QuietPeriodS)
            {
                return;
            }

            if (mode == Mode.Bar)
            {
                if (now - lastDrawS >= 0.1 || this.done == this.total)
                {
                    DrawBar(now);
                    lastDrawS = now;
                }
            }
            else
            {
                int decile = this.total == 0 ? 10 : (int)(10 * this.done / this.total);
                if (decile > lastDecile && (now - lastDrawS >= 2 || this.done == this.total))
                {
                    err.WriteLine(prefix + Text(now));
                    err.Flush();
                    lastDecile = decile;
                    lastDrawS = now;
                    shown = true;
                }
            }
        }
    }

    /// <summary>The work is over: finishes the bar line (or prints the final line when the last 10% was not shown).</summary>
    public void Complete()
    {
        if (mode == Mode.Quiet)
        {
            return;
        }

        lock (gate)
        {
            if (completed)
            {
                return;
            }

            completed = true;
            if (!shown)
            {
                return;
            }

            string line = string.Create(CultureInfo.InvariantCulture, $"{prefix}done: {total} {what} in {Duration(Now())}");
            if (mode == Mode.Bar)
            {
                ClearBar();
                err.WriteLine(line);
            }
            else if (lastDecile < 10)
            {
                err.WriteLine(line);
            }

            err.Flush();
        }
    }

    /// <summary>A line of its own, shown at once (a bar in progress is cleared first and redrawn by the next report).</summary>
    public void Line(string text)
    {
        if (mode == Mode.Quiet)
        {
            return;
        }

        lock (gate)
        {
            ClearBar();
            err.WriteLine(text);
            err.Flush();
        }
    }

    private double Now() => time.GetElapsedTime(started).TotalSeconds;

    private void ClearBar()
    {
        if (!barOpen)
        {
            return;
        }

        err.Write('\r');
        err.Write(new string(' ', lastWidth));
        err.Write('\r');
        barOpen = false;
        lastDrawS = double.NegativeInfinity;
    }

    private void DrawBar(double now)
    {
        double fraction = total == 0 ? 1 : (double)done / total;
        int filled = (int)Math.Round(fraction * BarWidth);
        string line = $"{prefix}[{new string('#', filled)}{new string('.', BarWidth - filled)}] {Text(now)}";
        err.Write('\r');
        err.Write(line);
        if (line.Length < lastWidth)
        {
            err.Write(new string(' ', lastWidth - line.Length));
        }

        lastWidth = Math.Max(lastWidth, line.Length);
        err.Flush();
        shown = true;
        barOpen = true;
    }

    private string Text(double now)
    {
        double fraction = total == 0 ? 1 : (double)done / total;
        string percent = (100 * fraction).ToString("0", CultureInfo.InvariantCulture);
        string eta = done > 0 && done < total ? $", ETA {Duration(now / done * (total - done))}" : "";
        return $"{percent,3}% ({done}/{total} {what}), {Duration(now)} elapsed{eta}";
    }
}
