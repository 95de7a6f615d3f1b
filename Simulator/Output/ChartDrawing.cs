using System.Diagnostics;
using System.Runtime.ExceptionServices;
using LookoutSim.Metrics;
using ScottPlot;
using SkiaSharp;

namespace LookoutSim.Output;

/// <summary>
/// The charts of a run drawn as small jobs shared by helper threads and, once it calls
/// <see cref="Finish"/>, the caller's own thread: first the series (<see cref="ChartData"/>), then
/// for each chart its layout recorded once (<see cref="Charts.Record"/>), then its PNG and its SVG
/// played back from that recording as two jobs. <c>run</c> starts the helpers, writes the data files
/// on its own thread meanwhile, then joins in, so that no core waits while another draws. Each
/// chart's bytes depend only on the chart, never on the thread or the order of the jobs.
/// </summary>
internal sealed class ChartDrawing : IDisposable
{
    /// <summary>
    /// The charts in the order their jobs are queued: the costliest first, so that the last jobs
    /// to run are short ones and no thread is left with a long one at the end (a chart not listed
    /// here is queued after these).
    /// </summary>
    private static readonly string[] Order = ["units", "latency", "latency-cdf", "latency-tail", "capacity", "cost"];

    private readonly RunResult result;
    private readonly CancellationTokenSource cancel;
    private readonly object gate = new();
    private readonly Queue<Action<bool>> queue = new();
    private readonly string[] titles = new string[Charts.Names.Count];
    private readonly byte[][] pngs = new byte[Charts.Names.Count][];
    private readonly string[] svgs = new string[Charts.Names.Count];
    private readonly long started = Stopwatch.GetTimestamp();
    private Task[] helpers = [];
    private int unfinished;
    private long finished;
    private ExceptionDispatchInfo? error;
    private ChartData? data;

    private ChartDrawing(RunResult result, CancellationToken ct)
    {
        this.result = result;
        cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
    }

    /// <summary>Helper threads for drawing while the calling thread does other work: one per core but the caller's.</summary>
    public static int Helpers => Math.Max(0, Environment.ProcessorCount - 1);

    /// <summary>Seconds from the start to the last job done (to now while jobs remain).</summary>
    public double DrawnS
    {
        get
        {
            long end = Interlocked.Read(ref finished);
            return Stopwatch.GetElapsedTime(started, end != 0 ? end : Stopwatch.GetTimestamp()).TotalSeconds;
        }
    }

    /// <summary>Queues every job of <paramref name="result"/>'s charts and starts <paramref name="helperThreads"/> threads on them.</summary>
    public static ChartDrawing Start(RunResult result, int helperThreads, CancellationToken ct)
    {
        var drawing = new ChartDrawing(result, ct);
        drawing.Enqueue(drawing.Prepare);
        drawing.helpers = [.. Enumerable.Range(0, Math.Max(0, helperThreads)).Select(_ => Task.Run(drawing.Work, CancellationToken.None))];
        return drawing;
    }

    /// <summary>
    /// Draws on the calling thread until no job is left, waits for the helpers, and returns the
    /// charts in <see cref="Charts.Names"/> order.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public IReadOnlyList<Chart> Finish()
    {
        Work();
        Task.WaitAll(helpers);
        error?.Throw();
        cancel.Token.ThrowIfCancellationRequested();
        return [.. Charts.Names.Select((name, i) => new Chart(name, titles[i], pngs[i], svgs[i]))];
    }

    /// <summary>Stops what is still queued and waits for the jobs running, so that nothing runs on.</summary>
    public void Dispose()
    {
        cancel.Cancel();
        Work(); // what is left is released, not drawn
        Task.WaitAll(helpers);
        cancel.Dispose();
    }

    private void Prepare(bool run)
    {
        if (!run)
        {
            return;
        }

        data = ChartData.From(result);
        foreach (string name in Order.Where(Charts.Names.Contains).Concat(Charts.Names.Except(Order)))
        {
            int i = IndexOf(name);
            Enqueue(run => Layout(i, run));
        }
    }

    private void Layout(int i, bool run)
    {
        if (!run)
        {
            return;
        }

        SKPicture picture;
        using (Plot plot = Charts.Build(Charts.Names[i], result, data!, out titles[i]))
        {
            picture = Charts.Record(plot);
        }

        // The two playbacks share the recording; the last one to finish releases it.
        int left = 2;
        void Release()
        {
            if (Interlocked.Decrement(ref left) == 0)
            {
                picture.Dispose();
            }
        }

        Enqueue(run =>
        {
            try
            {
                if (run)
                {
                    pngs[i] = Charts.Png(picture);
                }
            }
            finally
            {
                Release();
            }
        });
        Enqueue(run =>
        {
            try
            {
                if (run)
                {
                    svgs[i] = Charts.Svg(picture);
                }
            }
            finally
            {
                Release();
            }
        });
    }

    private static int IndexOf(string name)
    {
        for (int i = 0; i < Charts.Names.Count; i++)
        {
            if (Charts.Names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "unknown chart");
    }

    /// <summary>Queues <paramref name="job"/>, called with false instead when the drawing has failed or was cancelled (to release what it holds).</summary>
    private void Enqueue(Action<bool> job)
    {
        lock (gate)
        {
            queue.Enqueue(job);
            unfinished++;
            Monitor.PulseAll(gate);
        }
    }

    /// <summary>Runs jobs until none is queued or running (a job may queue more).</summary>
    private void Work()
    {
        while (true)
        {
            Action<bool> job;
            lock (gate)
            {
                while (queue.Count == 0 && unfinished > 0)
                {
                    Monitor.Wait(gate);
                }

                if (queue.Count == 0)
                {
                    return;
                }

                job = queue.Dequeue();
            }

            try
            {
                job(error is null && !cancel.IsCancellationRequested);
            }
            catch (Exception ex)
            {
                lock (gate)
                {
                    error ??= ExceptionDispatchInfo.Capture(ex);
                }
            }
            finally
            {
                lock (gate)
                {
                    if (--unfinished == 0)
                    {
                        Interlocked.Exchange(ref finished, Stopwatch.GetTimestamp());
                    }

                    Monitor.PulseAll(gate);
                }
            }
        }
    }
}
