namespace LookoutSim.Scenarios.Loading;

/// <summary>
/// Steps of loading a scenario, counted on the current thread: keys looked up or compared,
/// entries passed over, cells of an edit distance. Tests read it to check that loading stays
/// linear in the size of the file (a count, not a timing); counting costs one addition.
/// </summary>
internal static class LoadWork
{
    [ThreadStatic]
    private static long steps;

    /// <summary>Steps counted on this thread so far.</summary>
    public static long Steps => steps;

    /// <summary>Counts <paramref name="n"/> steps.</summary>
    public static void Add(long n) => steps += n;
}
