using System.Diagnostics;
using System.Runtime.ExceptionServices;
using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>
/// Worker threads that run replications of sweep points for a caller that asks for them batch by
/// batch (the planner), and that spend otherwise idle workers on replications the caller expects
/// to ask for next. A replication is a pure function of (point, replication index), so one run
/// ahead of time is the one that would have been run on demand: what the caller gets does not
/// depend on the thread count, on timing, or on what was run ahead.
/// </summary>
/// <remarks>
/// Jobs asked for with <c>Run</c> go first, in the order given; jobs offered with
/// <c>RunAhead</c> run only when no asked-for job is waiting. A result is handed out once
/// and then forgotten (the caller keeps what it needs); results run ahead that the caller stops
/// expecting are dropped, so memory stays at about one batch plus the jobs run ahead.
/// A job may hold several points (<see cref="ReplicationJob"/>): the zone-loss cases of one replication
/// of a base case, run from one copy of its state at the loss. A base case's job can keep that state
/// (<see cref="ReplicationJob.KeepAt"/>); the zone-loss job of the same replication takes it if it is
/// there when the job starts, and otherwise runs the base case up to the loss itself — it never waits.
/// Kept states go when taken, when their job is dropped, or on <see cref="DropKept"/>.
/// </remarks>
public sealed class ReplicationPool : IDisposable
{
    private readonly SweepModel _model;
    private readonly Dictionary<(string Point, int Replication), Job> _jobs = [];
    private readonly Dictionary<(string Point, int Replication), ZoneLossFork.Prefix> _kept = [];
    private readonly LinkedList<Job> _asked = [];
    private readonly LinkedList<Job> _ahead = [];
    private readonly Thread[] _threads;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private bool _disposed;

    /// <summary>Starts <paramref name="workers"/> worker threads (at least 1).</summary>
    public ReplicationPool(SweepModel model, int workers)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _model = model;
        _threads = new Thread[workers];
        for (int i = 0; i < workers; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"lookoutsim-plan-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Replications run ahead of being asked for (whether or not they were then used); for tests and benchmarks.</summary>
    public int RanAhead { get; private set; }

    /// <summary>Replications run ahead (started before they were asked for) that were then asked for.</summary>
    public int UsedAhead { get; private set; }

    /// <summary>Replications run to their end (asked for or run ahead; not those cancelled).</summary>
    public int Finished { get; private set; }

    /// <summary>Wall seconds the workers spent running replications, summed over workers (cancelled ones included).</summary>
    public double BusySeconds { get; private set; }

    /// <summary>Of <see cref="BusySeconds"/>, those spent on replications never handed to the caller (run ahead and dropped, or cancelled).</summary>
    public double UnusedSeconds => BusySeconds - _usedSeconds;

    private double _usedSeconds;

    /// <summary>
    /// Runs (or collects, when already run ahead) replication r of each point and returns the
    /// results in the order asked. Blocks until all are done.
    /// </summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    /// <remarks>The first failed job, in the order asked, rethrows its exception.</remarks>
    public ReplicationResult[] Run(IReadOnlyList<(SweepPoint Point, int Replication)> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return Run([.. jobs.Select(j => new ReplicationJob([j.Point], j.Replication))], cancellationToken);
    }

    /// <summary>
    /// Runs (or collects) each job and returns the results of every job's points, job after job, in
    /// the order asked. A job of several points that names a <see cref="ReplicationJob.ForkBase"/> is
    /// one piece of work (<see cref="SweepModel.EvaluateZoneLoss"/>); otherwise its points run one by one.
    /// </summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public ReplicationResult[] Run(IReadOnlyList<ReplicationJob> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var wanted = new Job[jobs.Count];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (int i = 0; i < jobs.Count; i++)
            {
                ReplicationJob asked = jobs[i];
                (string, int) key = asked.Key;
                if (_jobs.TryGetValue(key, out Job? job) && !job.Cancel.IsCancellationRequested)
                {
                    if (job.Node is { List: { } list } node && list == _ahead)
                    {
                        _ahead.Remove(node);
                        _asked.AddLast(node);
                    }

                    UsedAhead += job.Ahead && (job.Running || job.Done) ? job.Points : 0;
                    job.Ahead = false;
                }
                else
                {
                    job = new Job(asked, ahead: false);
                    _jobs[key] = job;
                    job.Node = _asked.AddLast(job);
                }

                job.Expected = true;
                wanted[i] = job;
            }

            Monitor.PulseAll(_gate);
        }

        using CancellationTokenRegistration wake = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        });
        lock (_gate)
        {
            while (!wanted.All(j => j.Done))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_gate);
            }

            foreach (Job job in wanted)
            {
                _jobs.Remove(job.Work.Key);
                _usedSeconds += job.Seconds;
                if (job.Kept is { } kept)
                {
                    Keep(job.Work.Key, kept);
                    job.Kept = null;
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (Job job in wanted)
        {
            job.Error?.Throw();
        }

        return [.. wanted.SelectMany(j => j.Results!)];
    }

    /// <summary>
    /// Replaces the jobs to run when workers are idle by <paramref name="jobs"/>, in that order of
    /// preference. Results of earlier offers that are no longer among them are dropped (a running
    /// one when it ends).
    /// </summary>
    public void RunAhead(IEnumerable<(SweepPoint Point, int Replication)> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        RunAhead(jobs.Select(j => new ReplicationJob([j.Point], j.Replication)));
    }

    /// <summary>As <see cref="RunAhead(IEnumerable{ValueTuple{SweepPoint, int}})"/>, with jobs of one or several points.</summary>
    public void RunAhead(IEnumerable<ReplicationJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var keep = new HashSet<(string, int)>();
            _ahead.Clear();
            foreach (ReplicationJob offered in jobs)
            {
                (string, int) key = offered.Key;
                if (!keep.Add(key))
                {
                    continue;
                }

                if (_jobs.TryGetValue(key, out Job? job) && !job.Cancel.IsCancellationRequested)
                {
                    job.Expected = true;
                    if (job is { Running: false, Done: false })
                    {
                        job.Node = _ahead.AddLast(job);
                    }
                }
                else
                {
                    job = new Job(offered, ahead: true) { Expected = true };
                    _jobs[key] = job;
                    job.Node = _ahead.AddLast(job);
                }
            }

            foreach (KeyValuePair<(string, int), Job> kv in _jobs.Where(kv => kv.Value.Ahead && !keep.Contains(kv.Key)).ToList())
            {
                kv.Value.Expected = false;
                if (kv.Value.Running)
                {
                    kv.Value.Cancel.Cancel(); // a worker on a replication no longer expected is freed for the next batch
                }
                else
                {
                    _jobs.Remove(kv.Key);
                    kv.Value.DropKept();
                }
            }

            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The most states base-case replications kept at once for their zone-loss cases (not yet used or dropped).</summary>
    public int PeakKeptStates { get; private set; }

    /// <summary>
    /// Drops the states kept for the zone-loss cases of <paramref name="point"/> (its base case): its
    /// candidate is judged, or its base case failed. States of jobs not yet handed out stay with them.
    /// </summary>
    public void DropKept(SweepPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        lock (_gate)
        {
            foreach ((string, int) key in _kept.Keys.Where(k => k.Point == point.Id).ToList())
            {
                _kept[key].Dispose();
                _kept.Remove(key);
            }
        }
    }

    /// <summary>Holds a handed-out base replication's kept state (under the lock).</summary>
    private void Keep((string, int) key, ZoneLossFork.Prefix kept)
    {
        if (_kept.Remove(key, out ZoneLossFork.Prefix? old))
        {
            old.Dispose();
        }

        _kept[key] = kept;
        PeakKeptStates = Math.Max(PeakKeptStates, _kept.Count + _jobs.Values.Count(j => j.Kept is not null));
    }

    /// <summary>The state kept by base replication <paramref name="key"/>, handed out or finished ahead; null when there is none. The caller owns it.</summary>
    private ZoneLossFork.Prefix? TakeKept((string, int) key)
    {
        lock (_gate)
        {
            if (_kept.Remove(key, out ZoneLossFork.Prefix? kept))
            {
                return kept;
            }

            if (_jobs.TryGetValue(key, out Job? job) && job is { Done: true, Kept: { } held })
            {
                job.Kept = null;
                return held;
            }

            return null;
        }
    }

    /// <summary>Stops the workers (a job running ahead is cancelled; the caller waits for nothing).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _asked.Clear();
            _ahead.Clear();
            Monitor.PulseAll(_gate);
        }

        _stop.Cancel();
        foreach (Thread t in _threads)
        {
            t.Join();
        }

        foreach (Job job in _jobs.Values)
        {
            job.DropKept();
        }

        foreach (ZoneLossFork.Prefix kept in _kept.Values)
        {
            kept.Dispose();
        }

        _kept.Clear();

        _stop.Dispose();
    }

    private void Work()
    {
        while (true)
        {
            Job job;
            lock (_gate)
            {
                while (!_disposed && _asked.Count == 0 && _ahead.Count == 0)
                {
                    Monitor.Wait(_gate);
                }

                if (_disposed)
                {
                    return;
                }

                LinkedList<Job> from = _asked.Count > 0 ? _asked : _ahead;
                job = from.First!.Value;
                from.RemoveFirst();
                job.Node = null;
                job.Running = true;
                RanAhead += job.Ahead ? job.Work.Points.Count : 0;
            }

            ReplicationResult[]? result = null;
            ZoneLossFork.Prefix? keptByJob = null;
            ExceptionDispatchInfo? error = null;
            long started = Stopwatch.GetTimestamp();
            try
            {
                using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, job.Cancel.Token);
                ReplicationJob work = job.Work;
                if (work.ForkBase is { } forkBase && _model.EvaluateZoneLoss is { } fork)
                {
                    using ZoneLossFork.Prefix? state = TakeKept((forkBase.Id, work.Replication));
                    result = [.. fork(forkBase, work.Points, work.Replication, state, both.Token)];
                }
                else if (work is { KeepAt: { } at, Points.Count: 1 } && _model.EvaluateKeeping is { } keep)
                {
                    (ReplicationResult one, keptByJob) = keep(work.Points[0], work.Replication, at, both.Token);
                    result = [one];
                }
                else
                {
                    result = [.. work.Points.Select(p => _model.Evaluate(p, work.Replication, both.Token))];
                }

                for (int i = 0; i < result.Length; i++)
                {
                    if (result[i].Replication != work.Replication || result.Length != work.Points.Count)
                    {
                        throw new InvalidOperationException(
                            $"the evaluator returned replication {result[i].Replication} for replication {work.Replication} of point {work.Points[Math.Min(i, work.Points.Count - 1)].Id}");
                    }
                }
            }
            catch (Exception ex)
            {
                error = ExceptionDispatchInfo.Capture(ex);
            }

            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            lock (_gate)
            {
                job.Seconds = seconds;
                BusySeconds += seconds;
                Finished += result?.Length ?? 0;
                job.Running = false;
                job.Done = true;
                job.Results = result;
                job.Error = error;
                job.Kept = error is null ? keptByJob : null;
                if (error is not null)
                {
                    keptByJob?.Dispose();
                }

                if (job.Kept is not null)
                {
                    PeakKeptStates = Math.Max(PeakKeptStates, _kept.Count + _jobs.Values.Count(j => j.Kept is not null));
                }

                if ((!job.Expected || job.Cancel.IsCancellationRequested) && _jobs.TryGetValue(job.Work.Key, out Job? same) && same == job)
                {
                    _jobs.Remove(job.Work.Key);
                    job.DropKept();
                }

                Monitor.PulseAll(_gate);
            }
        }
    }

    private sealed class Job(ReplicationJob work, bool ahead)
    {
        public ReplicationJob Work { get; } = work;

        public int Points => Work.Points.Count;

        /// <summary>Offered ahead and not (yet) asked for.</summary>
        public bool Ahead { get; set; } = ahead;

        /// <summary>Asked for, or among the latest offers.</summary>
        public bool Expected { get; set; } = true;

        public bool Running { get; set; }

        public bool Done { get; set; }

        public LinkedListNode<Job>? Node { get; set; }

        public ReplicationResult[]? Results { get; set; }

        /// <summary>The state this base-case replication kept at the loss time, until handed to the pool's kept states.</summary>
        public ZoneLossFork.Prefix? Kept { get; set; }

        public void DropKept()
        {
            Kept?.Dispose();
            Kept = null;
        }

        /// <summary>Wall seconds the replication took on its worker.</summary>
        public double Seconds { get; set; }

        public ExceptionDispatchInfo? Error { get; set; }

        /// <summary>Cancelled when a job run ahead is no longer expected; a cancelled job is never handed out.</summary>
        public CancellationTokenSource Cancel { get; } = new();
    }
}

/// <summary>
/// Replication <see cref="Replication"/> of one or several points, run as one piece of work. With
/// <see cref="ForkBase"/> (the base case of zone-loss cases that differ from it only by the zone lost),
/// the points are run together from one run of the base up to the loss (<see cref="SweepModel.EvaluateZoneLoss"/>).
/// </summary>
/// <param name="Points">The points, at least one; their results come in this order.</param>
/// <param name="Replication">The replication index.</param>
/// <param name="ForkBase">The base case the points are forked from; null: each point runs on its own.</param>
/// <param name="KeepAt">For a base case of one point: keep a copy of its state just before this time for its zone-loss cases (<see cref="SweepModel.EvaluateKeeping"/>).</param>
public sealed record ReplicationJob(IReadOnlyList<SweepPoint> Points, int Replication, SweepPoint? ForkBase = null, double? KeepAt = null)
{
    /// <summary>The job's identity in the pool: the point's id, or the group's ids, and the replication.</summary>
    internal (string Id, int Replication) Key =>
        (Points.Count == 1 && ForkBase is null ? Points[0].Id : "fork:" + ForkBase?.Id + "\u001e" + string.Join('\u001f', Points.Select(p => p.Id)), Replication);
}
