using System.Globalization;
using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>
/// Finds the cheapest deployment (min units, max units, optionally the autoscaling target) whose
/// SLOs hold with confidence, optionally also with each zone lost in turn at the busiest hour.
/// </summary>
/// <remarks>
/// <para><b>Confidence.</b> A candidate meets an SLO when the 95% confidence bound on the far side
/// holds: the upper bound of p99 latency and of the failed share at or under their targets, the
/// lower bound of availability at or above its target. When an interval straddles a target the
/// candidate gets <see cref="PlanRequest.StepReplications"/> more replications, up to
/// <see cref="PlanRequest.MaxReplications"/>; still straddling then counts as not met. Replication r
/// of every candidate uses the same random streams, so candidates are compared on the same days.</para>
/// <para><b>Search</b>, assuming more units never make an SLO worse and never cost less:
/// (1) fixed deployments, min = max = m, from m = ceil(peak ÷ rated TPS) (fewer units cannot carry the
/// peak), stepping up 1, 2, 4, … until one holds, then bisecting back to the smallest m* that holds;
/// (2) for each target, with max = m*, bisection on min units in [1, m*] for the smallest min that
/// still holds (autoscaling covers the peak); (3) the same with max = m* + 1, m* + 2, … (at most
/// <see cref="PlanRequest.ExtraMaxUnits"/>) while the smallest min keeps falling — a higher ceiling
/// can let the floor drop, and with a zone lost lets the autoscaler replace its units. The answer is
/// the cheapest feasible candidate by mean cost (ties: fewer min units, then fewer max units).
/// About 2·log2(m*) + targets × (1 + extra) × log2(m*) candidates are evaluated.</para>
/// <para><b>Zone loss.</b> A zone-loss case's SLOs are judged on the <c>outage_*</c> measures: the
/// requests arriving from the loss to its end plus <see cref="PlanRequest.ZoneLossRecoveryS"/>
/// (<see cref="ScenarioCompiler.OutageWindows"/>), so the verdict does not depend on the horizon. Its
/// run stops once those requests have ended; the candidate's cost is the base case's. Before the loss
/// a zone-loss case is its base case event for event, so with <see cref="PlanRequest.ForkZoneLoss"/>
/// (and an evaluator that can fork) replication r of all of a candidate's zone-loss cases is one job
/// that starts each case from a copy of the base case's state at the loss (<see cref="ZoneLossFork"/>):
/// the state the base case's own replication r kept when it ran (<see cref="SweepModel.EvaluateKeeping"/>;
/// the pool drops it once used, and the planner drops a candidate's remaining ones when it is judged), or,
/// when there is none (a zone-loss replication past the base case's, or run ahead before it), the job
/// runs the base case up to the loss once for all zones. Every measure but <c>wall_s</c> is the same as
/// a run from time 0, so the plan is too; a zone-loss job never waits for another.</para>
/// <para><b>Robust plans</b> (<see cref="PlanRequest.Robust"/>, <c>plan --robust</c>): a candidate that
/// holds nominally (every case) is also judged at the uncertainty points, each with the same rule and
/// cases, on the same replication streams; it is feasible when at least
/// <see cref="RobustRequest.Required"/> points hold. Points that failed earlier candidates are tried
/// first and the judging stops once the verdict is known, so the verdicts depend only on the search
/// (and the search stays a pure function of them). See <see cref="RobustPlanner"/>.</para>
/// <para><b>Workers.</b> Replications run on a <see cref="ReplicationPool"/>. A candidate's
/// replications rarely fill every worker's last turn (5 on 2 workers leave one idle), so with
/// <see cref="PlanRequest.Shortcuts"/> idle workers run ahead: with zone loss, the current
/// candidate's zone-loss cases while its base case is judged; the first replications of the
/// candidate the search asks about next if the current one holds and of the one if it fails (the
/// search replays itself with each supposed verdict to know them); and the current case's next
/// step (see <see cref="Ahead"/> for the order). A replication is a pure function of its point and index, so the plan is the same with or
/// without them and whatever the number of workers.</para>
/// </remarks>
public sealed class Planner
{
    private readonly PlanRequest _request;
    private readonly SweepModel _model;
    private readonly Action<PlanCandidate>? _evaluated;
    private readonly Dictionary<CandidateKey, PlanCandidate> _cache = [];
    private readonly Dictionary<int, int> _pointFailures = [];
    private readonly List<PlanCandidate> _order = [];
    private readonly HashSet<string> _basePoints = new(StringComparer.Ordinal);
    private readonly SweepDefinition _definition;
    private double _lead;
    private ReplicationPool? _pool;

    /// <summary>Creates a planner.</summary>
    /// <param name="request">What to search.</param>
    /// <param name="model">Evaluator and summarizer (replication r of every candidate uses replication index r).</param>
    /// <param name="evaluated">Called after each candidate (for progress). May be null.</param>
    public Planner(PlanRequest request, SweepModel model, Action<PlanCandidate>? evaluated = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Slo.Any)
        {
            throw new ArgumentException("the scenario sets no SLO: there is nothing to plan for", nameof(request));
        }

        if (request.StartReplications < 2 || request.StepReplications < 1 || request.MaxReplications < request.StartReplications)
        {
            throw new ArgumentException("replications: need start ≥ 2, step ≥ 1 and max ≥ start", nameof(request));
        }

        if (!(request.PeakTps > 0) || !(request.RatedTpsPerUnit > 0))
        {
            throw new ArgumentException("peak and rated TPS must be positive", nameof(request));
        }

        if (request.ZoneLoss && request.Zones.Count < 2)
        {
            throw new ArgumentException("the zone-loss check needs at least two zones", nameof(request));
        }

        _request = request;
        _model = model;
        _evaluated = evaluated;
        _definition = new SweepDefinition
        {
            Name = "plan",
            ScenarioSha256 = "",
            Seed = 0,
            Replications = request.MaxReplications,
            Fields = [],
            Points = [],
            Slo = request.Slo,
        };
    }

    /// <summary>Replications the last <see cref="Run"/> ran ahead on idle workers (see <see cref="PlanRequest.Shortcuts"/>).</summary>
    public int RanAhead { get; private set; }

    /// <summary>Of <see cref="RanAhead"/>, those the search then asked for.</summary>
    public int UsedAhead { get; private set; }

    /// <summary>Replications the last <see cref="Run"/> ran to their end, whether asked for or run ahead.</summary>
    public int Replications { get; private set; }

    /// <summary>Wall seconds the workers spent on replications in the last <see cref="Run"/>, summed over workers (cancelled ones included).</summary>
    public double BusySeconds { get; private set; }

    /// <summary>Of <see cref="BusySeconds"/>, those spent on replications run ahead and never asked for.</summary>
    public double UnusedSeconds { get; private set; }

    /// <summary>The most base-case states (at the loss time) the last <see cref="Run"/> kept at once for zone-loss cases (about 2 MB each for a week at one-minute intervals).</summary>
    public int PeakKeptStates { get; private set; }

    /// <summary>Simulation seconds (each replication's own <c>wall_s</c>) of the base cases' replications the last <see cref="Run"/> used.</summary>
    public double BaseSeconds => _baseSeconds;

    /// <summary>Simulation seconds of the zone-loss cases' replications the last <see cref="Run"/> used.</summary>
    public double ZoneLossSeconds => _zoneLossSeconds;

    private double _baseSeconds;
    private double _zoneLossSeconds;

    /// <summary>Runs the search.</summary>
    public PlanOutcome Run(CancellationToken cancellationToken)
    {
        PlanRequest r = _request;
        int naive = r.NaiveUnits;
        using var pool = new ReplicationPool(_model, Math.Max(1, r.Parallel));
        _baseSeconds = 0;
        _zoneLossSeconds = 0;
        _pool = pool;
        var state = new SearchState();
        foreach (CandidateKey key in Search(state, k => _cache[k].Feasible))
        {
            if (!_cache.ContainsKey(key))
            {
                Evaluate(key, cancellationToken);
            }
        }

        _pool = null;
        RanAhead = pool.RanAhead;
        UsedAhead = pool.UsedAhead;
        Replications = pool.Finished;
        BusySeconds = pool.BusySeconds;
        UnusedSeconds = pool.UnusedSeconds;
        PeakKeptStates = pool.PeakKeptStates;
        _lead = state.Lead;
        PlanCandidate naiveCandidate = _cache[Key(naive, naive, r.Targets.Count > 0 ? r.Targets[0] : null, _lead)];
        List<PlanCandidate> feasible = [.. _order.Where(c => c.Feasible).OrderBy(c => c.Cost.Mean).ThenBy(c => c.MinUnits).ThenBy(c => c.MaxUnits).ThenBy(c => c.Number)];
        PlanCandidate? answer = feasible.FirstOrDefault();
        return new PlanOutcome
        {
            Answer = answer,
            StartLeadS = _lead,
            Why = answer is null ? WhyNone() : null,
            RunnersUp = [.. feasible.Skip(1).Take(3)],
            CheaperFailures = [.. _order.Where(c => !c.Feasible && (answer is null || c.Cost.Mean < answer.Cost.Mean)).OrderByDescending(c => c.Cost.Mean).ThenBy(c => c.Number)],
            Naive = naiveCandidate,
            NaiveUnits = naive,
            Candidates = _order,
            Request = r,
        };
    }

    /// <summary>A candidate: min and max units, the target (null for a fixed deployment or the scenario's own) and the start lead.</summary>
    private readonly record struct CandidateKey(int Min, int Max, string? Target, double Lead);

    /// <summary>The start lead the unit search runs with, as the search sets it.</summary>
    private sealed class SearchState
    {
        public double Lead { get; set; }
    }

    /// <summary>A fixed deployment does not autoscale: its target does not matter (the scenario's own is kept).</summary>
    private static CandidateKey Key(int min, int max, string? target, double lead) => new(min, max, min == max ? null : target, lead);

    /// <summary>
    /// The search as the candidates it asks about, in order: each is yielded, then its verdict read
    /// from <paramref name="feasible"/>. A pure function of the verdicts, so it can be replayed with
    /// supposed verdicts to see which candidate comes next (<see cref="Ahead"/>).
    /// </summary>
    private IEnumerable<CandidateKey> Search(SearchState state, Func<CandidateKey, bool> feasible)
    {
        PlanRequest r = _request;
        int naive = r.NaiveUnits;
        int limit = Math.Max(naive, r.UnitsLimit ?? Math.Max(4 * naive, naive + 8));
        IReadOnlyList<string?> targets = r.Targets.Count > 0 ? [.. r.Targets] : [null];
        string? staticTarget = targets[0];
        CandidateKey k;

        // (0) With --search start-lead: the smallest lead at which the most units meet the SLOs
        // (assuming an earlier start never hurts them); the unit search then runs with it.
        if (r.StartLeads.Count > 0)
        {
            state.Lead = r.StartLeads[^1];
            yield return k = Key(limit, limit, staticTarget, state.Lead);
            if (feasible(k))
            {
                int lo = -1, hi = r.StartLeads.Count - 1;
                while (hi - lo > 1)
                {
                    int mid = lo + ((hi - lo) / 2);
                    state.Lead = r.StartLeads[mid];
                    yield return k = Key(limit, limit, staticTarget, state.Lead);
                    if (feasible(k))
                    {
                        hi = mid;
                    }
                    else
                    {
                        lo = mid;
                    }
                }

                state.Lead = r.StartLeads[hi];
            }
        }

        double lead = state.Lead;

        // (1) The smallest fixed deployment that holds: gallop up from the naive size, then bisect.
        yield return Key(naive, naive, staticTarget, lead);
        int lastFail = naive - 1;
        int found = -1;
        int m = naive, step = 1;
        while (true)
        {
            yield return k = Key(m, m, staticTarget, lead);
            if (feasible(k))
            {
                found = m;
                break;
            }

            lastFail = m;
            if (m == limit)
            {
                break;
            }

            m = Math.Min(limit, m + step);
            step *= 2;
        }

        if (found > 0)
        {
            int lo = lastFail, hi = found;
            while (hi - lo > 1)
            {
                int mid = lo + ((hi - lo) / 2);
                yield return k = Key(mid, mid, staticTarget, lead);
                if (feasible(k))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            int fixedUnits = hi;

            // (2) and (3): lower the floor under a ceiling, then raise the ceiling while the floor keeps falling.
            foreach (string? target in targets)
            {
                int bestMin = int.MaxValue;
                for (int max = fixedUnits; max <= Math.Min(limit, fixedUnits + r.ExtraMaxUnits); max++)
                {
                    int upper = Math.Min(max, bestMin == int.MaxValue ? max : bestMin);
                    yield return k = Key(upper, max, target, lead);
                    if (!feasible(k))
                    {
                        break;
                    }

                    int lo2 = 0, hi2 = upper;
                    while (hi2 - lo2 > 1)
                    {
                        int mid = lo2 + ((hi2 - lo2) / 2);
                        yield return k = Key(mid, max, target, lead);
                        if (feasible(k))
                        {
                            hi2 = mid;
                        }
                        else
                        {
                            lo2 = mid;
                        }
                    }

                    if (hi2 >= bestMin || hi2 == 1)
                    {
                        bestMin = Math.Min(bestMin, hi2);
                        break;
                    }

                    bestMin = hi2;
                }
            }
        }
    }

    /// <summary>
    /// What to run on idle workers while candidate <paramref name="next"/> is judged, about to ask for
    /// replications [<paramref name="have"/>, <paramref name="asked"/>) of its base case (<paramref name="zonePhase"/> false)
    /// or of its zone-loss cases (true). In order of preference: those asked for (so that any already
    /// run ahead are kept); the replications the current phase gets if its verdict is too close to
    /// call, when it already was once (it usually stays so); in the base phase with
    /// <see cref="PlanRequest.ZoneLoss"/>, the zone-loss cases' first replications (asked for next if
    /// the base case holds); the first replications of the candidate the search asks about next if
    /// <paramref name="next"/> holds and of the one if it fails (alternately, that order); and the
    /// current phase's next step, when no verdict of it was too close yet.
    /// </summary>
    private IEnumerable<ReplicationJob> Ahead(CandidateKey next, bool zonePhase, int have, int asked)
    {
        CandidateKey? After(bool holds)
        {
            foreach (CandidateKey k in Search(new SearchState(), k => k == next ? holds : _cache[k].Feasible))
            {
                if (k != next && !_cache.ContainsKey(k))
                {
                    return k;
                }
            }

            return null;
        }

        SweepPoint[] phase = zonePhase ? ZonePoints(next) : [BasePoint(next)];
        SweepPoint? forkBase = zonePhase ? BasePoint(next) : null;
        IEnumerable<ReplicationJob> Reps(SweepPoint[] points, int from, int to, SweepPoint? fork = null) =>
            Jobs(points, from, to, fork);

        // The phase's replications about to be asked for (not those already handed out): ones already run ahead are kept.
        foreach (ReplicationJob job in Reps(phase, have, asked, forkBase))
        {
            yield return job;
        }

        IEnumerable<ReplicationJob> step = Reps(phase, asked, Math.Min(_request.MaxReplications, asked + _request.StepReplications), forkBase);
        bool stepFirst = asked > _request.StartReplications;
        if (stepFirst)
        {
            foreach (ReplicationJob job in step)
            {
                yield return job;
            }
        }

        if (!zonePhase && _request.ZoneLoss)
        {
            foreach (ReplicationJob job in Reps(ZonePoints(next), 0, _request.StartReplications, BasePoint(next)))
            {
                yield return job;
            }
        }

        SweepPoint[] successors = [.. new[] { After(true), After(false) }.OfType<CandidateKey>().Distinct().Select(BasePoint)];
        foreach (ReplicationJob job in Reps(successors, 0, _request.StartReplications))
        {
            yield return job;
        }

        if (!stepFirst)
        {
            foreach (ReplicationJob job in step)
            {
                yield return job;
            }
        }
    }

    /// <summary>Whether zone-loss cases run forked from one run of their base case (<see cref="PlanRequest.ForkZoneLoss"/>).</summary>
    private bool Forking => _request.ForkZoneLoss && _model.EvaluateZoneLoss is not null;

    /// <summary>
    /// Replications [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="points"/>, replication by
    /// replication: one job per point, or, for the zone-loss cases of <paramref name="forkBase"/> when
    /// forking, one job per replication for all of them (one worker runs the common prefix once).
    /// </summary>
    private IEnumerable<ReplicationJob> Jobs(SweepPoint[] points, int from, int to, SweepPoint? forkBase)
    {
        for (int i = from; i < to; i++)
        {
            if (forkBase is not null && Forking)
            {
                yield return new ReplicationJob(points, i, forkBase);
                continue;
            }

            foreach (SweepPoint p in points)
            {
                yield return Single(p, i);
            }
        }
    }

    /// <summary>
    /// Replication <paramref name="r"/> of one point; a candidate's base case, when its zone-loss cases
    /// will be forked, keeps its state at the loss time for them (<see cref="SweepModel.EvaluateKeeping"/>).
    /// </summary>
    private ReplicationJob Single(SweepPoint point, int r) =>
        _request.ZoneLoss && Forking && _model.EvaluateKeeping is not null && point.Get(SweepPoint.ZoneLossParameter) is null && _basePoints.Contains(point.Id)
            ? new ReplicationJob([point], r, KeepAt: _request.BusiestHourS)
            : new ReplicationJob([point], r);

    /// <summary>
    /// What idle workers would run ahead (see <see cref="Ahead"/>) for the candidate (min, max, first
    /// target, no lead) when the search asks for it before any other; for tests.
    /// </summary>
    internal IReadOnlyList<(SweepPoint Point, int Replication)> AheadOfFirst(int min, int max, bool zonePhase, int have, int asked) =>
        [.. Ahead(Key(min, max, _request.Targets.Count > 0 ? _request.Targets[0] : null, 0), zonePhase, have, asked).SelectMany(j => j.Points.Select(p => (p, j.Replication)))];

    /// <summary>The zone-loss cases of a candidate, one per zone in scenario order.</summary>
    private SweepPoint[] ZonePoints(CandidateKey k) =>
        [.. _request.Zones.Select(z => PointOf(_request.Base, k.Min, k.Max, k.Target, z, _request.BusiestHourS, _request.Schedule, k.Lead))];

    private SweepPoint BasePoint(CandidateKey k)
    {
        SweepPoint p = PointOf(_request.Base, k.Min, k.Max, k.Target, null, _request.BusiestHourS, _request.Schedule, k.Lead);
        _basePoints.Add(p.Id);
        return p;
    }

    /// <summary>
    /// When no candidate holds: whether more units helped at all. If the worst SLO's bound at the
    /// most units is still at least 90% of what it was at half as many (or the fewest tried, if none
    /// was that small), doubling the capacity did not help, so capacity is not the cause; with
    /// scheduled starts the usual cause is calls arriving while the model is being hosted.
    /// </summary>
    private string? WhyNone()
    {
        var fixedOnes = _order.Where(c => c.MinUnits == c.MaxUnits && c.StartLeadS == _lead).OrderBy(c => c.MinUnits).ToList();
        if (fixedOnes.Count < 2 || fixedOnes[^1].WorstFailure is not PlanCheck most)
        {
            return null;
        }

        PlanCandidate half = fixedOnes.LastOrDefault(c => 2 * c.MinUnits <= fixedOnes[^1].MinUnits) ?? fixedOnes[0];
        PlanCheck? fewest = half.Checks.FirstOrDefault(c => c.Case == most.Case && c.Measure == most.Measure);
        if (fewest is null || !most.Upper || !(most.Bound >= 0.9 * fewest.Bound))
        {
            return null;
        }

        CultureInfo c = CultureInfo.InvariantCulture;
        string fmt(double v) => most.Measure == Measure.LatencyP99S.Name ? v.ToString("0.###", c) + " s" : (v * 100).ToString("0.####", c) + "%";
        string why = string.Create(c, $"more units do not help: the bound on {most.Slo} is {fmt(fewest.Bound)} at {half.MinUnits} units and still {fmt(most.Bound)} at {fixedOnes[^1].MinUnits}, so capacity is not what fails");
        if (_request.StartLeadLimitS > 0)
        {
            why += _request.StartLeads.Count == 0
                ? "; the scenario starts the model on a schedule, and calls that arrive while it is still being hosted fail whatever the units: try --search start-lead"
                : string.Create(c, $"; even starting the model {ScenarioValuesText(_lead)} early does not meet it");
        }

        return why;
    }

    private static string ScenarioValuesText(double seconds) => Scenarios.ScenarioValues.FormatDuration(TimeSpan.FromSeconds(seconds));

    /// <summary>The point of a candidate (and case): the base parameters with min, max, target and the zone lost.</summary>
    /// <remarks>Schedule entries that set unit bounds get the candidate's bounds, scaled (see <see cref="ScheduleBounds"/>).</remarks>
    public static SweepPoint PointOf(SweepPoint basePoint, int min, int max, string? target, string? lostZone, double busiestHourS, IReadOnlyList<ScheduleBounds>? schedule = null, double startLeadS = 0)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        string id = string.Create(c, $"min{min}-max{max}") + (target is null ? "" : "-target" + target.Replace("%", "pct", StringComparison.Ordinal))
            + (startLeadS > 0 ? "-lead" + startLeadS.ToString("0", c) + "s" : "");
        SweepPoint p = basePoint
            .With("deployment.min_units", min.ToString(c), id)
            .With("deployment.max_units", max.ToString(c));
        if (schedule is { Count: > 0 })
        {
            foreach (KeyValuePair<string, string> bound in ScheduleBounds.Scale(schedule, min, max))
            {
                p = p.With(bound.Key, bound.Value);
            }
        }

        if (target is not null)
        {
            p = p.With("autoscaling.target", target);
        }

        if (startLeadS > 0)
        {
            p = p.With(SweepPoint.StartLeadParameter, startLeadS.ToString("R", c));
        }

        if (lostZone is not null)
        {
            p = p.With(SweepPoint.ZoneLossParameter, lostZone + "@" + busiestHourS.ToString("R", c), id + "-loss-" + lostZone);
        }

        return p;
    }

    private PlanCandidate Evaluate(CandidateKey key, CancellationToken ct)
    {
        if (_cache.TryGetValue(key, out PlanCandidate? known))
        {
            return known;
        }

        (int min, int max, string? target, double lead) = key;
        var checks = new List<PlanCheck>();
        SweepPoint basePoint = BasePoint(key);
        bool ahead = _request.Shortcuts && _request.Parallel > 1;
        (IReadOnlyList<MetricSummary> baseSummary, int reps, bool ok) = Judge(
            [("base", basePoint)], checks, ahead ? (have, n) => Ahead(key, zonePhase: false, have, n) : null, ct);
        if (ok && _request.ZoneLoss)
        {
            SweepPoint[] zonePoints = ZonePoints(key);
            var cases = _request.Zones.Select((z, i) => ("zone_loss:" + z, zonePoints[i])).ToArray();
            (_, int zoneReps, bool zonesOk) = Judge(cases, checks, ahead ? (have, n) => Ahead(key, zonePhase: true, have, n) : null, ct, basePoint);
            reps = Math.Max(reps, zoneReps);
            ok &= zonesOk;
        }

        _pool!.DropKept(basePoint); // its zone-loss cases are judged, or will not be
        IReadOnlyList<RobustPointVerdict> robust = ok && _request.Robust is { } rr ? JudgeRobust(key, rr, stopEarly: true, ct) : [];

        var candidate = new PlanCandidate
        {
            Number = _order.Count + 1,
            MinUnits = min,
            MaxUnits = max,
            Target = target,
            StartLeadS = lead,
            Replications = reps,
            Cost = baseSummary.FirstOrDefault(s => s.Name == Measure.Cost.Name) ?? new MetricSummary(Measure.Cost.Name, Measure.Cost.Unit, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN),
            Checks = checks,
            CostPer1000Images = baseSummary.FirstOrDefault(s => s.Name == Measure.CostPer1000Images.Name),
            RobustPoints = robust,
            RobustRequired = _request.Robust?.Required ?? 0,
        };
        _cache[key] = candidate;
        _order.Add(candidate);
        _evaluated?.Invoke(candidate);
        return candidate;
    }

    /// <summary>Runs the cases with more replications until no verdict is too close (or the maximum); adds the final checks.</summary>
    /// <param name="cases">The cases judged together.</param>
    /// <param name="checks">Receives the final checks.</param>
    /// <param name="ahead">With shortcuts: what idle workers may run ahead while replications [have, n) are asked for, those before have already handed out (see <see cref="Ahead"/>); null: nothing.</param>
    /// <param name="ct">Cancels.</param>
    /// <param name="forkBase">For zone-loss cases: their base case, from whose state at the loss they are run when forking (<see cref="PlanRequest.ForkZoneLoss"/>).</param>
    private (IReadOnlyList<MetricSummary> FirstSummary, int Replications, bool AllMet) Judge(
        (string Case, SweepPoint Point)[] cases, List<PlanCheck> checks, Func<int, int, IEnumerable<ReplicationJob>>? ahead, CancellationToken ct, SweepPoint? forkBase = null)
    {
        var results = cases.Select(_ => new List<ReplicationResult>()).ToArray();
        int n = _request.StartReplications;
        while (true)
        {
            int have = results[0].Count;
            int add = n - have;
            if (ahead is not null)
            {
                _pool!.RunAhead(ahead(have, n));
            }

            // Case by case (replication by replication within each), or replication by replication
            // (the cases within each) when the zone-loss cases of a replication are forked together.
            SweepPoint[] points = [.. cases.Select(c => c.Point)];
            bool together = forkBase is not null && Forking;
            ReplicationResult[] fresh = _pool!.Run(
                together
                    ? [.. Jobs(points, have, n, forkBase)]
                    : [.. Enumerable.Range(0, cases.Length * add).Select(job => Single(cases[job / add].Point, have + (job % add)))],
                ct);
            for (int j = 0; j < fresh.Length; j++)
            {
                int c = together ? j % cases.Length : j / add;
                results[c].Add(fresh[j]);
                double wall = fresh[j].Measures.TryGetValue(Measure.WallS.Name, out double w) ? w : 0;
                if (cases[c].Case == "base")
                {
                    _baseSeconds += wall;
                }
                else
                {
                    _zoneLossSeconds += wall;
                }
            }

            var round = new List<PlanCheck>();
            IReadOnlyList<MetricSummary>? first = null;
            for (int i = 0; i < cases.Length; i++)
            {
                IReadOnlyList<MetricSummary> summary = _model.Summarize(results[i]);
                first ??= summary;
                foreach ((string slo, string measure, double target, bool upper) in _definition.Slo.Checks())
                {
                    // A zone-loss case is judged where the loss happens: over its outage window and recovery.
                    string judged = cases[i].Case.StartsWith("zone_loss:", StringComparison.Ordinal) ? MeasureNames.OutagePrefix + measure : measure;
                    MetricSummary s = summary.FirstOrDefault(x => x.Name == judged)
                        ?? new MetricSummary(judged, MeasureNames.UnitOf(judged), double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
                    round.Add(new PlanCheck(cases[i].Case, slo, measure, target, upper, s, Status(s, target, upper)));
                }
            }

            bool failed = round.Any(c => c.Status == PlanStatus.Failed);
            bool close = round.Any(c => c.Status == PlanStatus.TooClose);
            if (failed || !close || n >= _request.MaxReplications)
            {
                checks.AddRange(round);
                return (first!, n, !failed && !close);
            }

            n = Math.Min(_request.MaxReplications, n + _request.StepReplications);
        }
    }

    /// <summary>
    /// <c>plan --robust</c>: judges a candidate at the uncertainty points (each with its zone-loss
    /// cases under <c>--zone-loss</c>), every point on the same replication streams as the nominal
    /// case (common random numbers). Points that failed earlier candidates go first; with
    /// <paramref name="stopEarly"/> it stops once the verdict is known (enough points hold, or too
    /// many fail).
    /// </summary>
    private List<RobustPointVerdict> JudgeRobust(CandidateKey key, RobustRequest robust, bool stopEarly, CancellationToken ct, Func<UncertaintyPoint, string>? caseName = null)
    {
        var verdicts = new List<RobustPointVerdict>();
        int met = 0, failed = 0, n = robust.Points.Count;
        foreach (UncertaintyPoint point in robust.Points.OrderByDescending(p => _pointFailures.GetValueOrDefault(p.Index)).ThenBy(p => p.Index))
        {
            if (stopEarly && (met >= robust.Required || failed > n - robust.Required))
            {
                break;
            }

            string name = caseName?.Invoke(point) ?? "uncertainty " + UncertaintySample.Label(point);
            var checks = new List<PlanCheck>();
            (_, _, bool ok) = Judge([(name, RobustPointOf(key, point, null))], checks, null, ct);
            if (ok && _request.ZoneLoss)
            {
                (_, _, bool zonesOk) = Judge([.. _request.Zones.Select(z => ("zone_loss:" + z + "@" + name, RobustPointOf(key, point, z)))], checks, null, ct, RobustPointOf(key, point, null));
                ok &= zonesOk;
            }

            verdicts.Add(new RobustPointVerdict(point, ok, checks));
            if (ok)
            {
                met++;
            }
            else
            {
                failed++;
                _pointFailures[point.Index] = _pointFailures.GetValueOrDefault(point.Index) + 1;
            }
        }

        return verdicts;
    }

    /// <summary>A candidate's point (with <paramref name="lostZone"/> lost) at an uncertainty point: its values appended as overrides.</summary>
    private SweepPoint RobustPointOf(CandidateKey k, UncertaintyPoint point, string? lostZone)
    {
        SweepPoint p = PointOf(_request.Base, k.Min, k.Max, k.Target, lostZone, _request.BusiestHourS, _request.Schedule, k.Lead);
        foreach (UncertaintyValue v in point.Values)
        {
            p = p.With(v.Path, v.Value);
        }

        return p with { Id = p.Id + "-u" + point.Index.ToString(CultureInfo.InvariantCulture) };
    }

    /// <summary>
    /// Judges one candidate at every one of <paramref name="points"/> (none skipped), with the
    /// request's replication rule, zone-loss cases and common random numbers: how
    /// <see cref="RobustPlanner"/> finds which field a nominal answer does not survive.
    /// </summary>
    public IReadOnlyList<RobustPointVerdict> CheckPoints(PlanCandidate candidate, IReadOnlyList<UncertaintyPoint> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(points);
        using var pool = new ReplicationPool(_model, Math.Max(1, _request.Parallel));
        _pool = pool;
        try
        {
            CandidateKey key = Key(candidate.MinUnits, candidate.MaxUnits, candidate.Target, candidate.StartLeadS);
            return JudgeRobust(key, new RobustRequest { Points = points, Required = points.Count }, stopEarly: false, cancellationToken, p => p.ToString());
        }
        finally
        {
            _pool = null;
        }
    }

    /// <summary>The verdict of one SLO from its summary: the 95% bound on the far side decides (see the type's remarks); a NaN mean fails.</summary>
    internal static PlanStatus Status(MetricSummary s, double target, bool upper)
    {
        double low = double.IsNaN(s.Ci95Low) ? s.Mean : s.Ci95Low;
        double high = double.IsNaN(s.Ci95High) ? s.Mean : s.Ci95High;
        if (double.IsNaN(s.Mean))
        {
            return PlanStatus.Failed;
        }

        if (upper)
        {
            return high <= target ? PlanStatus.Met : low > target ? PlanStatus.Failed : PlanStatus.TooClose;
        }

        return low >= target ? PlanStatus.Met : high < target ? PlanStatus.Failed : PlanStatus.TooClose;
    }
}
