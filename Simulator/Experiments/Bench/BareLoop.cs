using LookoutSim.Engine;

namespace LookoutSim.Experiments.Bench;

/// <summary>
/// The floor the engine is measured against: M/M/c written as one hand-written loop over a
/// <see cref="PriorityQueue{TElement,TPriority}"/> of (time, sequence), with no handlers, no
/// cancellation and no pooling — the least any event loop can do for the same model.
/// </summary>
public static class BareLoop
{
    /// <summary>Runs <paramref name="customers"/> arrivals of M/M/c; returns the mean wait in queue, seconds.</summary>
    public static double MmcMeanWait(double arrivalRate, double serviceRate, int servers, long customers, RandomStreams streams)
    {
        RandomStream arrivals = streams.Get("arrivals");
        RandomStream service = streams.Get("service");
        var calendar = new PriorityQueue<bool, (double Time, long Seq)>(64); // element: true for an arrival, false for a departure
        var waiting = new Queue<double>();
        long seq = 0;
        long arrived = 0;
        long started = 0;
        int busy = 0;
        double totalWait = 0;
        double meanGap = 1 / arrivalRate;
        double meanService = 1 / serviceRate;

        calendar.Enqueue(true, (arrivals.NextExponential(meanGap), seq++));
        while (calendar.TryDequeue(out bool isArrival, out (double Time, long Seq) key))
        {
            double now = key.Time;
            if (isArrival)
            {
                arrived++;
                if (arrived < customers)
                {
                    calendar.Enqueue(true, (now + arrivals.NextExponential(meanGap), seq++));
                }

                if (busy < servers)
                {
                    busy++;
                    started++;
                    calendar.Enqueue(false, (now + service.NextExponential(meanService), seq++));
                }
                else
                {
                    waiting.Enqueue(now);
                }
            }
            else if (waiting.Count > 0)
            {
                started++;
                totalWait += now - waiting.Dequeue();
                calendar.Enqueue(false, (now + service.NextExponential(meanService), seq++));
            }
            else
            {
                busy--;
            }
        }

        return totalWait / started;
    }
}
