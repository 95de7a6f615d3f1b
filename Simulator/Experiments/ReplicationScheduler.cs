using System.Runtime.ExceptionServices;

namespace LookoutSim.Experiments;

/// <summary>
/// Runs numbered jobs over a fixed number of worker threads and returns their results by job
/// number, never in completion order, so what a caller builds from them does not depend on the
/// thread count or on timing. A job's number fixes its work (for sweeps: which point and which
/// replication index), so common random numbers survive any schedule.
/// </summary>
public static class ReplicationScheduler
{
    /// <summary>
    /// Runs jobs 0 … <paramref name="jobCount"/>−1, handing them out in ascending order to
    /// <paramref name="parallel"/> workers (the calling thread alone when 1).
    /// </summary>
    /// <param name="jobCount">Number of jobs.</param>
    /// <param name="work">The job: (job number, token) → result. Called concurrently.</param>
    /// <param name="parallel">Worker threads, at least 1; more than the jobs are not started.</param>
    /// <param name="completed">Called on the worker after each job with its number and result (may be null). Called concurrently.</param>
    /// <param name="cancellationToken">Stops handing out jobs; running jobs see it too.</param>
    /// <returns>Results indexed by job number.</returns>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    /// <remarks>The first job to throw stops the others (no new jobs start) and its exception is rethrown.</remarks>
    public static T[] Run<T>(
        int jobCount,
        Func<int, CancellationToken, T> work,
        int parallel,
        Action<int, T>? completed,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jobCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        ArgumentNullException.ThrowIfNull(work);

        var results = new T[jobCount];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int next = -1;
        ExceptionDispatchInfo? failure = null;
        object gate = new();

        void Worker()
        {
            while (!stop.IsCancellationRequested)
            {
                int job = Interlocked.Increment(ref next);
                if (job >= jobCount)
                {
                    return;
                }

                try
                {
                    T result = work(job, stop.Token);
                    results[job] = result;
                    completed?.Invoke(job, result);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    lock (gate)
                    {
                        failure ??= ExceptionDispatchInfo.Capture(ex);
                    }

                    stop.Cancel();
                    return;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        int workers = Math.Min(parallel, Math.Max(jobCount, 1));
        if (workers == 1)
        {
            Worker();
        }
        else
        {
            var threads = new Thread[workers];
            for (int i = 0; i < workers; i++)
            {
                threads[i] = new Thread(Worker) { IsBackground = true, Name = $"lookoutsim-worker-{i}" };
                threads[i].Start();
            }

            foreach (Thread t in threads)
            {
                t.Join();
            }
        }

        failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
        return results;
    }
}
