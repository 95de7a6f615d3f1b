namespace LookoutSim.Scenarios.Loading;

/// <summary>Edit distance, for "did you mean" suggestions.</summary>
internal static class Levenshtein
{
    /// <summary>Longest text compared.</summary>
    public const int MaxLength = ScenarioLimits.MaxNameLength;

    public static int Distance(string a, string b)
    {
        LoadWork.Add((long)(a.Length + 1) * (b.Length + 1));
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }

    /// <summary>The candidate nearest to <paramref name="seen"/>, or null when none is near enough to help.</summary>
    /// <remarks>
    /// Names longer than <see cref="MaxLength"/> are not compared (no valid key or name is that long),
    /// so one suggestion costs at most candidates × 64 × 64 steps.
    /// </remarks>
    public static string? Nearest(string seen, IEnumerable<string> candidates)
    {
        if (seen.Length > MaxLength)
        {
            return null;
        }

        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string c in candidates)
        {
            if (c.Length > MaxLength)
            {
                continue;
            }

            int d = Distance(seen, c);
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(c, best) < 0))
            {
                best = c;
                bestDistance = d;
            }
        }

        if (best is null)
        {
            return null;
        }

        bool near = (bestDistance <= Math.Min(3, Math.Max(1, seen.Length / 3)) && bestDistance < seen.Length)
            || (seen.Length >= 3 && best.Contains(seen, StringComparison.OrdinalIgnoreCase))
            || (best.Length >= 3 && seen.Contains(best, StringComparison.OrdinalIgnoreCase));
        return near ? best : null;
    }
}
