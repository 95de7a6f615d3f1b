using LookoutSim.Metrics;

namespace LookoutSim.Experiments.Observed;

/// <summary>One searched field: its scenario path and the values tried, in the scenario's value syntax.</summary>
/// <param name="Path">Field path, e.g. <c>autoscaling.target</c>.</param>
/// <param name="Grid">Values tried, in ascending order.</param>
/// <param name="Numeric">Each grid value as a number (seconds for durations, a fraction for shares), for the charts.</param>
public sealed record FitParameter(string Path, IReadOnlyList<string> Grid, IReadOnlyList<double> Numeric);

/// <summary>One evaluated candidate: a value (index into the grid) per parameter and its loss.</summary>
/// <param name="Order">Evaluation order, from 0 (ties in loss go to the earlier).</param>
/// <param name="Indices">Grid index of each parameter's value, in parameter order.</param>
/// <param name="Loss">Per-period mean squared difference between the replications' mean units and the observed (units²).</param>
/// <param name="LossStdErr">Jackknife standard error of <paramref name="Loss"/> over the replications (NaN with one).</param>
public sealed record FitCandidate(int Order, IReadOnlyList<int> Indices, double Loss, double LossStdErr);

/// <summary>What <see cref="AutoscalerFit.Search"/> found.</summary>
/// <param name="Parameters">The searched fields.</param>
/// <param name="Candidates">Every candidate evaluated, in evaluation order.</param>
/// <param name="Best">The candidate of least loss.</param>
/// <param name="Passes">Coordinate-descent passes made.</param>
public sealed record FitResult(IReadOnlyList<FitParameter> Parameters, IReadOnlyList<FitCandidate> Candidates, FitCandidate Best, int Passes)
{
    /// <summary>The candidates after the best, by loss (then evaluation order).</summary>
    public IReadOnlyList<FitCandidate> RunnersUp(int count) =>
        [.. Candidates.Where(c => c != Best).OrderBy(c => c.Loss).ThenBy(c => c.Order).Take(count)];

    /// <summary>The value of parameter <paramref name="p"/> in candidate <paramref name="c"/>, in value syntax.</summary>
    public string Value(FitCandidate c, int p)
    {
        ArgumentNullException.ThrowIfNull(c);
        return Parameters[p].Grid[c.Indices[p]];
    }
}

/// <summary>
/// <c>lookoutsim fit autoscaler</c>: searches autoscaling assumptions for the values whose simulated
/// desired and in-service units best reproduce the observed ones.
/// </summary>
/// <remarks>
/// <para>Loss of a candidate: the mean over the observed periods k of (ready_k − in_service_k)² +
/// (desired_k − desired_observed_k)², where ready_k is the simulated units ready averaged over the
/// period and desired_k the allocation at its end, each the mean over the replications (see
/// <see cref="Loss"/>).
/// Every candidate runs replications 0 … n−1 with the streams of (seed, r): common random numbers,
/// so two candidates differ by their settings, not by their traffic draws.</para>
/// <para>Search: coordinate descent over the grids. From the scenario's own values, each field in
/// turn is tried at every value of its grid, the others held, and the best value kept; passes
/// repeat until a whole pass changes nothing (at most <see cref="MaxPasses"/>). The fields act on
/// different parts of the unit curve (the target on the level units settle at, the scale-out
/// cooldown on how fast a ramp is followed, the scale-in cooldown and step on how fast units are
/// given back, the unit start on the lag of each step), so the loss is close to separable and a
/// pass along each axis finds most of what a full grid (the product of the grids, tens of thousands of
/// candidates) would, at the cost of a few dozen. Where two fields trade off (a higher target with a
/// longer scale-in cooldown can follow the same curve for a while), the axes alone stop short; so when
/// a pass changes nothing, every pair of fields is moved one grid step each at once (the diagonal
/// neighbours), and if one is better the descent goes on from it. Candidates already evaluated are
/// not run again.</para>
/// </remarks>
public static class AutoscalerFit
{
    /// <summary>The most coordinate-descent passes (over all diagonal steps).</summary>
    public const int MaxPasses = 6;

    /// <summary>Runs the search.</summary>
    /// <param name="parameters">The searched fields.</param>
    /// <param name="start">The grid index each field starts at (the scenario's value).</param>
    /// <param name="replications">Replications per candidate.</param>
    /// <param name="evaluate">Runs replication r of the scenario with the given (path, value) overrides; called concurrently.</param>
    /// <param name="observedInService">Observed in-service units per period (NaN where none).</param>
    /// <param name="observedDesired">Observed desired units per period (NaN where none).</param>
    /// <param name="parallel">Replications run at once.</param>
    /// <param name="progress">Called after each candidate with (candidates evaluated).</param>
    /// <param name="ct">Stops the search.</param>
    public static FitResult Search(
        IReadOnlyList<FitParameter> parameters,
        IReadOnlyList<int> start,
        int replications,
        Func<IReadOnlyList<KeyValuePair<string, string>>, int, CancellationToken, ReplicationResult> evaluate,
        double[] observedInService,
        double[] observedDesired,
        int parallel,
        Action<int>? progress,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(evaluate);
        var evaluated = new Dictionary<string, FitCandidate>(StringComparer.Ordinal);
        var order = new List<FitCandidate>();
        int[] current = [.. start];
        int passes = 0;

        void EvaluateAll(List<int[]> batch)
        {
            batch = [.. batch.Where(b => !evaluated.ContainsKey(Key(b)))];
            if (batch.Count == 0)
            {
                return;
            }

            double[][] paths = ReplicationScheduler.Run(
                batch.Count * replications,
                (job, token) =>
                {
                    int[] indices = batch[job / replications];
                    var sets = indices.Select((v, p) => new KeyValuePair<string, string>(parameters[p].Path, parameters[p].Grid[v])).ToList();
                    ReplicationResult r = evaluate(sets, job % replications, token);
                    return Path(r.TimeSeries, observedInService.Length);
                },
                Math.Max(1, parallel),
                null,
                ct);
            for (int i = 0; i < batch.Count; i++)
            {
                double[][] mine = paths[(i * replications)..((i + 1) * replications)];
                (double loss, double se) = Loss(mine, observedInService, observedDesired);
                var c = new FitCandidate(order.Count, [.. batch[i]], loss, se);
                order.Add(c);
                evaluated[Key(batch[i])] = c;
                progress?.Invoke(order.Count);
            }
        }

        EvaluateAll([current]);
        bool moved = true;
        while (moved && passes < MaxPasses)
        {
            // Coordinate descent: each field along its grid, the others held, until a pass changes nothing.
            bool changed = true;
            while (changed && passes < MaxPasses)
            {
                passes++;
                changed = false;
                for (int p = 0; p < parameters.Count; p++)
                {
                    var line = new List<int[]>();
                    for (int v = 0; v < parameters[p].Grid.Count; v++)
                    {
                        int[] c = [.. current];
                        c[p] = v;
                        line.Add(c);
                    }

                    EvaluateAll(line);
                    FitCandidate best = line.Select(c => evaluated[Key(c)]).OrderBy(c => c.Loss).ThenBy(c => c.Order).First();
                    if (best.Loss < evaluated[Key(current)].Loss && best.Indices[p] != current[p])
                    {
                        current[p] = best.Indices[p];
                        changed = true;
                    }
                }
            }

            // Diagonal step: two fields moved one grid step each at once, which a pass along the axes
            // cannot do when they trade off (a higher target with a longer scale-in cooldown).
            var diagonal = new List<int[]>();
            for (int a = 0; a < parameters.Count; a++)
            {
                for (int b = a + 1; b < parameters.Count; b++)
                {
                    foreach ((int da, int db) in new[] { (-1, -1), (-1, 1), (1, -1), (1, 1) })
                    {
                        int va = current[a] + da, vb = current[b] + db;
                        if (va >= 0 && va < parameters[a].Grid.Count && vb >= 0 && vb < parameters[b].Grid.Count)
                        {
                            int[] c = [.. current];
                            c[a] = va;
                            c[b] = vb;
                            diagonal.Add(c);
                        }
                    }
                }
            }

            EvaluateAll(diagonal);
            FitCandidate here = evaluated[Key(current)];
            FitCandidate? step = diagonal.Select(c => evaluated[Key(c)]).Where(c => c.Loss < here.Loss).OrderBy(c => c.Loss).ThenBy(c => c.Order).FirstOrDefault();
            moved = step is not null;
            if (step is not null)
            {
                current = [.. step.Indices];
            }
        }

        FitCandidate winner = order.OrderBy(c => c.Loss).ThenBy(c => c.Order).First();
        return new FitResult(parameters, order, winner, passes);
    }

    /// <summary>
    /// One replication's unit path over <paramref name="periods"/> periods: ready units (period
    /// average) at 2k, desired units (period end) at 2k + 1; NaN past the run's end.
    /// </summary>
    public static double[] Path(IReadOnlyList<TimeSeriesRow> series, int periods)
    {
        ArgumentNullException.ThrowIfNull(series);
        var path = new double[2 * periods];
        Array.Fill(path, double.NaN);
        for (int k = 0; k < Math.Min(periods, series.Count); k++)
        {
            path[2 * k] = BacktestSeries.UnitsInService.Simulated(series[k]);
            path[(2 * k) + 1] = BacktestSeries.UnitsDesired.Simulated(series[k]);
        }

        return path;
    }

    /// <summary>
    /// The loss of a candidate from its replications' paths (<see cref="Path"/>): the mean over the
    /// periods with an observation of (mean ready − in_service)² + (mean desired − desired_observed)²,
    /// the means over replications; and its jackknife standard error (leave one replication out; NaN
    /// with one replication). Comparing the replications' mean, not each replication, with the one
    /// observed path keeps the simulated spread out of the loss, so a candidate is not preferred for
    /// being less random.
    /// </summary>
    public static (double Loss, double StdErr) Loss(IReadOnlyList<double[]> paths, double[] observedInService, double[] observedDesired)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(observedInService);
        ArgumentNullException.ThrowIfNull(observedDesired);
        double all = LossOf(paths, -1, observedInService, observedDesired);
        int n = paths.Count;
        if (n < 2)
        {
            return (all, double.NaN);
        }

        var leaveOut = new double[n];
        for (int r = 0; r < n; r++)
        {
            leaveOut[r] = LossOf(paths, r, observedInService, observedDesired);
        }

        double mean = leaveOut.Average();
        double se = Math.Sqrt((n - 1.0) / n * leaveOut.Sum(v => (v - mean) * (v - mean)));
        return (all, se);
    }

    private static double LossOf(IReadOnlyList<double[]> paths, int skip, double[] observedInService, double[] observedDesired)
    {
        double sum = 0;
        int compared = 0;
        int periods = Math.Min(observedInService.Length, observedDesired.Length);
        for (int k = 0; k < periods; k++)
        {
            double u = observedInService[k];
            double d = observedDesired[k];
            if (!double.IsFinite(u) && !double.IsFinite(d))
            {
                continue;
            }

            double ready = 0, desired = 0;
            int n = 0;
            for (int r = 0; r < paths.Count; r++)
            {
                if (r != skip && 2 * k + 1 < paths[r].Length && double.IsFinite(paths[r][2 * k]))
                {
                    ready += paths[r][2 * k];
                    desired += paths[r][(2 * k) + 1];
                    n++;
                }
            }

            if (n == 0)
            {
                continue;
            }

            double e = 0;
            if (double.IsFinite(u))
            {
                e += Square((ready / n) - u);
            }

            if (double.IsFinite(d))
            {
                e += Square((desired / n) - d);
            }

            sum += e;
            compared++;
        }

        return compared > 0 ? sum / compared : double.NaN;
    }

    private static double Square(double x) => x * x;

    private static string Key(int[] indices) => string.Join(',', indices);
}
