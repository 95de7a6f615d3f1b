using System.Diagnostics;
using System.Globalization;

namespace LookoutSim.Output;

/// <summary>
/// Progress of a sweep or plan on stderr: a redrawn bar with percentage and ETA on a terminal,
/// a plain line every 10% when redirected or under <c>CI=true</c>, nothing when quiet.
/// Thread-safe: workers report (done, total) as replications end.
/// </summary>
public sealed class SweepProgress
{
    private readonly TextWriter _error;
    private readonly string _label;
    private readonly bool _quiet;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private long _lastDrawMs = -1000;
    private int _lastDecile = -1;
    private bool _drawn;

    /// <summary>Creates the reporter.</summary>
    /// <param name="error">Where progress goes (stderr).</param>
    /// <param name="label">What is running, e.g. <c>sweep line-3 (24 points × 10 replications)</c>.</param>
    /// <param name="quiet">Print nothing.</param>
    /// <param name="interactive">Redraw a bar in place (a terminal, not CI).</param>
    public SweepProgress(TextWriter error, string label, bool quiet, bool interactive)
    {
        _error = error;
        _label = label;
        _quiet = quiet;
        _interactive = interactive;
    }

    /// <summary>Whether stderr is a terminal and not under <c>CI=true</c> (for <paramref name="error"/> being the console's).</summary>
    public static bool IsInteractive(TextWriter error) =>
        ReferenceEquals(error, Console.Error)
        && !Console.IsErrorRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reports that <paramref name="done"/> of <paramref name="total"/> jobs have ended.</summary>
    public void Report(int done, int total)
    {
        if (_quiet || total <= 0)
        {
            return;
        }

        lock (_gate)
        {
            long now = _clock.ElapsedMilliseconds;
            double share = Math.Clamp((double)done / total, 0, 1);
            string eta = done > 0 && done < total ? " ETA " + Duration(now / 1000.0 * (total - done) / done) : "";
            CultureInfo c = CultureInfo.InvariantCulture;
            if (_interactive)
            {
                if (done < total && now - _lastDrawMs < 100)
                {
                    return;
                }

                _lastDrawMs = now;
                const int width = 30;
                int filled = (int)(share * width);
                _error.Write(string.Create(c, $"\r{_label} [{new string('#', filled)}{new string('.', width - filled)}] {share * 100,3:0}% {done}/{total}{eta}   "));
                _drawn = true;
                if (done == total)
                {
                    _error.WriteLine();
                    _drawn = false;
                }
            }
            else
            {
                int decile = (int)(share * 10);
                if (decile > _lastDecile)
                {
                    _lastDecile = decile;
                    _error.WriteLine(string.Create(c, $"{_label}: {share * 100:0}% ({done}/{total}, {Duration(now / 1000.0)} elapsed{eta})"));
                }
            }
        }
    }

    /// <summary>A line of its own (ends a bar in progress first).</summary>
    public void Line(string text)
    {
        if (_quiet)
        {
            return;
        }

        lock (_gate)
        {
            if (_drawn)
            {
                _error.WriteLine();
                _drawn = false;
            }

            _error.WriteLine(text);
        }
    }

    /// <summary><c>45s</c>, <c>3m05s</c>, <c>1h02m</c>.</summary>
    public static string Duration(double seconds)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            return "?";
        }

        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1 ? string.Create(c, $"{(int)t.TotalHours}h{t.Minutes:00}m")
            : t.TotalMinutes >= 1 ? string.Create(c, $"{t.Minutes}m{t.Seconds:00}s")
            : string.Create(c, $"{t.Seconds}s");
    }
}
