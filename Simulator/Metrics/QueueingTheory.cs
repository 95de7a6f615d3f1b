namespace LookoutSim.Metrics;

/// <summary>
/// Textbook results the simulator is checked against (Kleinrock, Queueing Systems I; Gross and
/// Harris, Fundamentals of Queueing Theory). a = λ/μ is the offered load in Erlangs.
/// </summary>
public static class QueueingTheory
{
    /// <summary>Erlang B: the blocking probability of M/M/c/c (c servers, no waiting room), by the stable recursion.</summary>
    public static double ErlangB(int c, double a)
    {
        double b = 1;
        for (int k = 1; k <= c; k++)
        {
            b = a * b / (k + (a * b));
        }

        return b;
    }

    /// <summary>Erlang C: the probability that an arrival waits in M/M/c (a &lt; c).</summary>
    public static double ErlangC(int c, double a)
    {
        double b = ErlangB(c, a);
        double rho = a / c;
        return b / (1 - (rho * (1 - b)));
    }

    /// <summary>Mean wait in queue of M/M/c: C(c, a) / (cμ − λ), seconds.</summary>
    public static double WqMMc(double lambda, double mu, int c) => ErlangC(c, lambda / mu) / ((c * mu) - lambda);

    /// <summary>Blocking probability of M/M/c/K (K in the system at most, K ≥ c): p_K.</summary>
    public static double MMcKBlocking(double lambda, double mu, int c, int capacity)
    {
        double a = lambda / mu;
        double term = 1; // a^n / n! for n ≤ c, then × (a/c) per step
        double sum = 1;
        for (int n = 1; n <= capacity; n++)
        {
            term *= n <= c ? a / n : a / c;
            sum += term;
        }

        return term / sum;
    }

    /// <summary>Pollaczek–Khinchine mean wait of M/G/1: λ E[S²] / (2(1 − ρ)), seconds.</summary>
    /// <param name="lambda">Arrival rate, 1/s.</param>
    /// <param name="meanService">E[S], seconds.</param>
    /// <param name="cv">Coefficient of variation of S (0 for M/D/1, 1 for M/M/1).</param>
    public static double PollaczekKhinchineWq(double lambda, double meanService, double cv)
    {
        double rho = lambda * meanService;
        double es2 = meanService * meanService * (1 + (cv * cv));
        return lambda * es2 / (2 * (1 - rho));
    }
}
