using LookoutSim.Engine;

namespace LookoutSim.Experiments.Bench;

/// <summary>
/// The floor the engine is measured against: M/M/c written as one hand-written loop over a
/// <see cref="PriorityQueue{TElement,TPriority}"/> of (time, sequence), with no handlers, no
/// cancellation and no engine — the least any event loop can do for the same model. Two kinds of
/// per-customer work: <see cref="MmcMeanWait"/> the leanest (a queue of arrival times), and
/// <see cref="MmckPooledMeanWait"/> the per-customer work of <see cref="QueueKernel"/> (pooled customer
/// objects, a capacity check, the service time through <see cref="Distribution.Sample(RandomStream)"/>).
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

    /// <summary>
    /// M/G/c/K FIFO with <see cref="QueueKernel"/>'s per-customer work: a pooled customer object per
    /// admitted arrival, a queue of waiting customers, the capacity check, the service time through
    /// <see cref="Distribution.Sample(RandomStream)"/> (it keeps only the counters it returns from).
    /// A departure's calendar element is its customer's number in a table, not the object: a
    /// reference in the element would cost every move of the heap a GC write barrier, about 7% of
    /// this loop's speed. Runs <paramref name="customers"/> arrivals; returns the mean wait in queue
    /// of those that started service, seconds. Events run in the order (time, order scheduled), so
    /// with exponential service it gives <see cref="MmcMeanWait"/>'s waits for the same streams.
    /// </summary>
    /// <param name="arrivalRate">Poisson arrival rate λ, per second.</param>
    /// <param name="service">Service-time distribution.</param>
    /// <param name="servers">Servers c.</param>
    /// <param name="capacity">Most customers in the system (K ≥ c), or <see cref="int.MaxValue"/> for none.</param>
    /// <param name="customers">Arrivals to simulate.</param>
    /// <param name="streams">Where the "arrivals" and "service" streams come from.</param>
    public static double MmckPooledMeanWait(double arrivalRate, Distribution service, int servers, int capacity, long customers, RandomStreams streams)
    {
        ArgumentNullException.ThrowIfNull(service);
        RandomStream arrivals = streams.Get("arrivals");
        RandomStream serviceRng = streams.Get("service");
        var calendar = new PriorityQueue<int, (double Time, long Seq)>(64); // element: −1 for an arrival, else the number of the customer leaving
        var waiting = new Queue<PooledCustomer>();
        var pool = new Stack<PooledCustomer>();
        var customerTable = new List<PooledCustomer>();
        long seq = 0;
        long arrived = 0;
        long started = 0;
        int busy = 0;
        double totalWait = 0;
        double meanGap = 1 / arrivalRate;

        calendar.Enqueue(-1, (arrivals.NextExponential(meanGap), seq++));
        while (calendar.TryDequeue(out int leaving, out (double Time, long Seq) key))
        {
            double now = key.Time;
            if (leaving < 0)
            {
                arrived++;
                if (arrived < customers)
                {
                    calendar.Enqueue(-1, (now + arrivals.NextExponential(meanGap), seq++));
                }

                if (busy + waiting.Count >= capacity)
                {
                    continue;
                }

                PooledCustomer c;
                if (pool.Count > 0)
                {
                    c = pool.Pop();
                }
                else
                {
                    c = new PooledCustomer(customerTable.Count);
                    customerTable.Add(c);
                }

                c.ArrivedAt = now;
                if (busy < servers)
                {
                    busy++;
                    started++;
                    calendar.Enqueue(c.Number, (now + service.Sample(serviceRng), seq++));
                }
                else
                {
                    waiting.Enqueue(c);
                }
            }
            else
            {
                pool.Push(customerTable[leaving]);
                if (waiting.Count > 0)
                {
                    PooledCustomer next = waiting.Dequeue();
                    started++;
                    totalWait += now - next.ArrivedAt;
                    calendar.Enqueue(next.Number, (now + service.Sample(serviceRng), seq++));
                }
                else
                {
                    busy--;
                }
            }
        }

        return totalWait / started;
    }

    private sealed class PooledCustomer(int number)
    {
        public readonly int Number = number;
        public double ArrivedAt;
    }
}
