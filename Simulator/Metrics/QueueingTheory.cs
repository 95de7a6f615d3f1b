namespace LookoutSim.Metrics;

/// <summary>
/// Textbook results the simulator is checked against (Kleinrock, "Queueing Systems", vol. 1;
/// Gross and Harris, "Fundamentals of Queueing Theory"). Rates per second, times in seconds.
/// </summary>
public static class QueueingTheory
{
    /// <summary>Erlang B: blocking probability of M/M/c/c with offered load a = λ/μ, by the stable recursion B(k) = a·B(k−1) / (k + a·B(k−1)).</summary>
    public static double ErlangB(int servers, double offeredLoad)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(servers);
        double b = 1;
        for (int k = 1; k <= servers; k++)
        {
            b = offeredLoad * b / (k + (offeredLoad * b));
        }

        return b;
    }

    /// <summary>Erlang C: probability that an arrival waits in M/M/c with offered load a = λ/μ &lt; c.</summary>
    public static double ErlangC(int servers, double offeredLoad)
    {
        if (!(offeredLoad < servers))
        {
            throw new ArgumentOutOfRangeException(nameof(offeredLoad), offeredLoad, "offered load must be below the number of servers");
        }

        double b = ErlangB(servers, offeredLoad);
        double rho = offeredLoad / servers;
        return b / (1 - (rho * (1 - b)));
    }

    /// <summary>Mean wait in queue of M/M/c: C(c, a) / (cμ − λ).</summary>
    public static double MmcMeanWait(int servers, double arrivalRate, double serviceRate) =>
        ErlangC(servers, arrivalRate / serviceRate) / ((servers * serviceRate) - arrivalRate);

    /// <summary>
    /// Blocking probability of M/M/c/K (at most K in the system): the stationary probability of K,
    /// from the birth–death balance equations, computed in log space for large K.
    /// </summary>
    public static double MmckBlocking(int servers, int capacity, double arrivalRate, double serviceRate)
    {
        if (capacity < servers || servers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "need 1 ≤ servers ≤ capacity");
        }

        double a = arrivalRate / serviceRate;
        double logTerm = 0; // log p_n / p_0
        double maxLog = 0;
        var logs = new double[capacity + 1];
        for (int n = 1; n <= capacity; n++)
        {
            logTerm += Math.Log(a) - Math.Log(Math.Min(n, servers));
            logs[n] = logTerm;
            maxLog = Math.Max(maxLog, logTerm);
        }

        double sum = 0;
        foreach (double l in logs)
        {
            sum += Math.Exp(l - maxLog);
        }

        return Math.Exp(logs[capacity] - maxLog) / sum;
    }

    /// <summary>Pollaczek–Khinchine mean wait of M/G/1: λ·E[S²] / (2(1 − ρ)).</summary>
    /// <param name="arrivalRate">λ, per second.</param>
    /// <param name="meanService">E[S], seconds.</param>
    /// <param name="serviceCv">Coefficient of variation of S (0 for M/D/1, 1 for M/M/1).</param>
    public static double PollaczekKhinchineMeanWait(double arrivalRate, double meanService, double serviceCv)
    {
        double rho = arrivalRate * meanService;
        if (!(rho < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(arrivalRate), arrivalRate, "utilisation must be below 1");
        }

        double secondMoment = meanService * meanService * (1 + (serviceCv * serviceCv));
        return arrivalRate * secondMoment / (2 * (1 - rho));
    }
}
