using System.Diagnostics;
using System.Globalization;

namespace LookoutSim.Output;

/// <summary>
/// Progress of a long run on stderr. On an interactive terminal: one line redrawn in place with a
/// bar, percentage and ETA. When stderr is redirected or <c>CI=true</c>: a plain line at each 10%
/// step (at most one every 2 s, plus the last). With <c>--quiet</c>: nothing. Nothing at all is
/// shown until the run has taken a second, so quick runs stay silent.
/// </summary>
/// <remarks>Thread-safe: replications finishing in parallel may report at once. Uses the wall
/// clock, which is fine here and never in the model. Redraws of the bar are throttled to 10 per second.</remarks>
public abstract class ProgressReporter
{
    /// <summary>Seconds before anything is shown.</summary>
    public const double QuietPeriodS = 1;

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

    /// <summary>Creates the reporter for <paramref name="err"/> (see <see cref="Choose"/>).</summary>
    /// <param name="err">Where progress goes (stderr).</param>
    /// <param name="quiet"><c>--quiet</c>: report nothing.</param>
    /// <param name="what">What is counted, plural (<c>replications</c>, <c>points</c>).</param>
    public static ProgressReporter Create(TextWriter err, bool quiet, string what = "replications") =>
        Create(err, Choose(err, quiet), what, Stopwatch.StartNew);

    /// <summary>Creates a reporter with an explicit mode and clock (for tests).</summary>
    internal static ProgressReporter Create(TextWriter err, Mode mode, string what, Func<Stopwatch> startClock) => mode switch
    {
        Mode.Quiet => new QuietReporter(),
        _ => new VisibleReporter(err, mode == Mode.Bar, what, startClock()),
    };

    /// <summary>Creates a reporter whose elapsed time comes from <paramref name="elapsed"/> (for tests).</summary>
    internal static ProgressReporter Create(TextWriter err, Mode mode, string what, Func<TimeSpan> elapsed) => mode switch
    {
        Mode.Quiet => new QuietReporter(),
        _ => new VisibleReporter(err, mode == Mode.Bar, what, elapsed),
    };

    /// <summary>Reports that <paramref name="done"/> of <paramref name="total"/> are finished.</summary>
    public abstract void Report(long done, long total);

    /// <summary>The work is over: finishes the bar line (or prints the final line).</summary>
    public abstract void Complete();

    private sealed class QuietReporter : ProgressReporter
    {
        public override void Report(long done, long total)
        {
        }

        public override void Complete()
        {
        }
    }

    private sealed class VisibleReporter : ProgressReporter
    {
        private const int BarWidth = 30;
        private readonly TextWriter err;
        private readonly bool bar;
        private readonly string what;
        private readonly Func<TimeSpan> elapsed;
        private readonly Lock gate = new();
        private double lastDrawS = double.NegativeInfinity;
        private int lastDecile = -1;
        private long done;
        private long total;
        private bool shown;
        private bool completed;

        public VisibleReporter(TextWriter err, bool bar, string what, Stopwatch clock)
            : this(err, bar, what, () => clock.Elapsed)
        {
        }

        public VisibleReporter(TextWriter err, bool bar, string what, Func<TimeSpan> elapsed)
        {
            this.err = err;
            this.bar = bar;
            this.what = what;
            this.elapsed = elapsed;
        }

        public override void Report(long done, long total)
        {
            lock (gate)
            {
                if (completed)
                {
                    return;
                }

                this.done = Math.Clamp(done, 0, Math.Max(total, 0));
                this.total = Math.Max(total, 0);
                double now = elapsed().TotalSeconds;
                if (now < QuietPeriodS)
                {
                    return;
                }

                if (bar)
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
                        err.WriteLine(Text(now));
                        err.Flush();
                        lastDecile = decile;
                        lastDrawS = now;
                        shown = true;
                    }
                }
            }
        }

        public override void Complete()
        {
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

                double now = elapsed().TotalSeconds;
                if (bar)
                {
                    err.Write('\r');
                    err.Write(new string(' ', lastWidth));
                    err.Write('\r');
                    err.WriteLine($"done: {total} {what} in {Time(now)}");
                }
                else if (lastDecile < 10)
                {
                    err.WriteLine($"done: {total} {what} in {Time(now)}");
                }

                err.Flush();
            }
        }

        private int lastWidth;

        private void DrawBar(double now)
        {
            double fraction = total == 0 ? 1 : (double)done / total;
            int filled = (int)Math.Round(fraction * BarWidth);
            string line = $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {Text(now)}";
            err.Write('\r');
            err.Write(line);
            if (line.Length < lastWidth)
            {
                err.Write(new string(' ', lastWidth - line.Length));
            }

            lastWidth = Math.Max(lastWidth, line.Length);
            err.Flush();
            shown = true;
        }

        private string Text(double now)
        {
            double fraction = total == 0 ? 1 : (double)done / total;
            string percent = (100 * fraction).ToString("0", CultureInfo.InvariantCulture);
            string eta = done > 0 && done < total ? $", ETA {Time(now / done * (total - done))}" : "";
            return $"{percent,3}% ({done}/{total} {what}), {Time(now)} elapsed{eta}";
        }

        private static string Time(double s)
        {
            if (s < 60)
            {
                return s.ToString("0", CultureInfo.InvariantCulture) + " s";
            }

            var t = TimeSpan.FromSeconds(Math.Round(s));
            return t.TotalHours >= 1
                ? $"{(int)t.TotalHours}h{t.Minutes:00}m"
                : $"{t.Minutes}m{t.Seconds:00}s";
        }
    }
}
