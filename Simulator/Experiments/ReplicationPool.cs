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
/// Jobs asked for with <see cref="Run"/> go first, in the order given; jobs offered with
/// <see cref="RunAhead"/> run only when no asked-for job is waiting. A result is handed out once
/// and then forgotten (the caller keeps what it needs); results run ahead that the caller stops
/// expecting are dropped, so memory stays at about one batch plus the jobs run ahead.
/// </remarks>
public sealed class ReplicationPool : IDisposable
{
    private readonly SweepModel _model;
    private readonly Dictionary<(string Point, int Replication), Job> _jobs = [];
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
        var wanted = new Job[jobs.Count];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            for (int i = 0; i < jobs.Count; i++)
            {
                (SweepPoint point, int r) = jobs[i];
                if (_jobs.TryGetValue((point.Id, r), out Job? job) && !job.Cancel.IsCancellationRequested)
                {
                    if (job.Node is { List: { } list } node && list == _ahead)
                    {
                        _ahead.Remove(node);
                        _asked.AddLast(node);
                    }

                    UsedAhead += job.Ahead && (job.Running || job.Done) ? 1 : 0;
                    job.Ahead = false;
                }
                else
                {
                    job = new Job(point, r, ahead: false);
                    _jobs[(point.Id, r)] = job;
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
                _jobs.Remove((job.Point.Id, job.Replication));
                _usedSeconds += job.Seconds;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (Job job in wanted)
        {
            job.Error?.Throw();
        }

        return [.. wanted.Select(j => j.Result!)];
    }

    /// <summary>
    /// Replaces the jobs to run when workers are idle by <paramref name="jobs"/>, in that order of
    /// preference. Results of earlier offers that are no longer among them are dropped (a running
    /// one when it ends).
    /// </summary>
    public void RunAhead(IEnumerable<(SweepPoint Point, int Replication)> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var keep = new HashSet<(string, int)>();
            _ahead.Clear();
            foreach ((SweepPoint point, int r) in jobs)
            {
                if (!keep.Add((point.Id, r)))
                {
                    continue;
                }

                if (_jobs.TryGetValue((point.Id, r), out Job? job) && !job.Cancel.IsCancellationRequested)
                {
                    job.Expected = true;
                    if (job is { Running: false, Done: false })
                    {
                        job.Node = _ahead.AddLast(job);
                    }
                }
                else
                {
                    job = new Job(point, r, ahead: true) { Expected = true };
                    _jobs[(point.Id, r)] = job;
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
                }
            }

            Monitor.PulseAll(_gate);
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
                RanAhead += job.Ahead ? 1 : 0;
            }

            ReplicationResult? result = null;
            ExceptionDispatchInfo? error = null;
            long started = Stopwatch.GetTimestamp();
            try
            {
                using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, job.Cancel.Token);
                result = _model.Evaluate(job.Point, job.Replication, both.Token);
                if (result.Replication != job.Replication)
                {
                    throw new InvalidOperationException(
                        $"the evaluator returned replication {result.Replication} for replication {job.Replication} of point {job.Point.Id}");
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
                Finished += result is null ? 0 : 1;
                job.Running = false;
                job.Done = true;
                job.Result = result;
                job.Error = error;
                if ((!job.Expected || job.Cancel.IsCancellationRequested) && _jobs.TryGetValue((job.Point.Id, job.Replication), out Job? same) && same == job)
                {
                    _jobs.Remove((job.Point.Id, job.Replication));
                }

                Monitor.PulseAll(_gate);
            }
        }
    }

    private sealed class Job(SweepPoint point, int replication, bool ahead)
    {
        public SweepPoint Point { get; } = point;

        public int Replication { get; } = replication;

        /// <summary>Offered ahead and not (yet) asked for.</summary>
        public bool Ahead { get; set; } = ahead;

        /// <summary>Asked for, or among the latest offers.</summary>
        public bool Expected { get; set; } = true;

        public bool Running { get; set; }

        public bool Done { get; set; }

        public LinkedListNode<Job>? Node { get; set; }

        public ReplicationResult? Result { get; set; }

        /// <summary>Wall seconds the replication took on its worker.</summary>
        public double Seconds { get; set; }

        public ExceptionDispatchInfo? Error { get; set; }

        /// <summary>Cancelled when a job run ahead is no longer expected; a cancelled job is never handed out.</summary>
        public CancellationTokenSource Cancel { get; } = new();
    }
}
