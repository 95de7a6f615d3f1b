using System.Globalization;
using LookoutSim.Experiments.Observed;
using LookoutSim.Output;
using LookoutSim.Scenarios;

namespace LookoutSim.Cli;

/// <summary>The observed window <c>backtest</c> and <c>fit</c> run a scenario over: its start, period and per-series values.</summary>
/// <param name="Folder">The observed folder, as given.</param>
/// <param name="Start">The first period's timestamp.</param>
/// <param name="PeriodS">The period, seconds.</param>
/// <param name="PeriodCount">Periods in the window (first to last observed, gaps included).</param>
/// <param name="Series">Per compared series that was observed, its value in each period (NaN where none), in the series' unit.</param>
public sealed record ObservedWindow(string Folder, DateTimeOffset Start, double PeriodS, int PeriodCount, IReadOnlyList<(BacktestSeries Series, double[] Values)> Series)
{
    /// <summary>The window's length, seconds.</summary>
    public double WindowS => PeriodCount * PeriodS;

    /// <summary>The observed values of <paramref name="series"/>, or null when it was not observed.</summary>
    public double[]? Of(BacktestSeries series) => Series.FirstOrDefault(s => s.Series == series).Values;

    /// <summary>
    /// The window cut to its first <paramref name="horizon"/> (<c>--horizon</c> of <c>backtest</c> and <c>fit</c>):
    /// whole periods only. The window itself when <paramref name="horizon"/> is null.
    /// </summary>
    /// <exception cref="UsageException">The horizon is not a duration, is shorter than one period, or longer than the window.</exception>
    public ObservedWindow Cut(string? horizon)
    {
        if (horizon is null)
        {
            return this;
        }

        string window = ScenarioValues.FormatDuration(TimeSpan.FromSeconds(WindowS));
        if (!ScenarioValues.TryParseDuration(horizon, out TimeSpan h, out string error))
        {
            throw new UsageException($"--horizon {DisplayText.Safe(horizon)}: {error}");
        }

        int periods = (int)Math.Floor(h.TotalSeconds / PeriodS + 1e-9);
        if (h.TotalSeconds > WindowS + 1e-9)
        {
            throw new UsageException($"--horizon {DisplayText.Safe(horizon)} is longer than the observed window ({window} in {DisplayText.Safe(Folder)}); --horizon can only shorten it");
        }

        if (periods < 1)
        {
            throw new UsageException($"--horizon {DisplayText.Safe(horizon)} is shorter than one observed period ({ScenarioValues.FormatDuration(TimeSpan.FromSeconds(PeriodS))})");
        }

        return this with { PeriodCount = periods, Series = [.. Series.Select(s => (s.Series, s.Values[..periods]))] };
    }
}

/// <summary>
/// Loads a scenario over an observed window, as <c>backtest</c> and <c>fit autoscaler</c> run it:
/// <c>start</c> at the window's first period, <c>horizon</c> the window, <c>interval</c> the observed
/// period and <c>warmup</c> 0 (every period is compared), on top of the user's <c>--set</c> overrides.
/// </summary>
public static class ObservedScenario
{
    /// <summary>
    /// Reads the observed folder <paramref name="dir"/> (<see cref="ObservedCsv"/>) into the series
    /// <c>backtest</c> compares. A count series (calls per period) that skips a period had no calls in it
    /// (CloudWatch publishes no datapoint then): 0; a unit count or latency that skips one is not compared there.
    /// </summary>
    /// <exception cref="InputFileException">The folder is missing, malformed, or holds no datapoint.</exception>
    public static ObservedWindow ReadWindow(string dir)
    {
        ObservedData data = ObservedCsv.Read(dir);
        int periods = data.PeriodCount;
        if (periods == 0)
        {
            throw new InputFileException(Path.Combine(dir, ObservedCsv.FileName), "holds no datapoint; nothing to compare");
        }

        var series = new List<(BacktestSeries, double[])>();
        foreach (BacktestSeries s in BacktestSeries.All)
        {
            if (data.Find(s.Kind) is { } observed)
            {
                bool count = CloudWatchMetrics.Find(observed.Metric)?.IsCount ?? false;
                series.Add((s, observed.ByPeriod(data.PeriodS, periods, count ? 0 : double.NaN)));
            }
        }

        return new ObservedWindow(dir, data.Start, data.PeriodS, periods, series);
    }

    /// <summary>The overrides that put a scenario on <paramref name="window"/>.</summary>
    public static IReadOnlyList<string> WindowOverrides(ObservedWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return
        [
            "start=" + window.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "horizon=" + ScenarioValues.FormatDuration(TimeSpan.FromSeconds(window.WindowS)),
            "interval=" + ScenarioValues.FormatDuration(TimeSpan.FromSeconds(window.PeriodS)),
            "warmup=0s",
        ];
    }

    /// <summary>
    /// Loads <paramref name="file"/> over <paramref name="window"/> with <paramref name="sets"/>; prints
    /// its diagnostics to <paramref name="stderr"/>.
    /// </summary>
    /// <returns>The load result, or null when the scenario has errors (printed).</returns>
    /// <exception cref="UsageException">The window is shorter than one evaluation period of the autoscaler.</exception>
    public static ScenarioLoadResult? Load(string file, ObservedWindow window, IEnumerable<string> sets, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(file, [.. sets, .. WindowOverrides(window)]);
        foreach (Diagnostic d in loaded.Diagnostics)
        {
            stderr.WriteLine(DisplayText.SafeMessage(d.ToString()));
        }

        if (!loaded.IsValid)
        {
            return null;
        }

        double evaluation = loaded.Scenario!.Autoscaling.Evaluation.TotalSeconds;
        if (window.WindowS < evaluation)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"{window.Folder}: the observed window ({ScenarioValues.FormatDuration(TimeSpan.FromSeconds(window.WindowS))}) is shorter than one evaluation period of the autoscaler (autoscaling.evaluation = {ScenarioValues.FormatDuration(TimeSpan.FromSeconds(evaluation))}); nothing to compare"));
        }

        return loaded;
    }
}
