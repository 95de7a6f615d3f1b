namespace LookoutSim.Metrics;

/// <summary>
/// The measures every run reports as (name, unit) pairs, in the order they are written; the
/// measures themselves are the constants of <see cref="Measure"/>.
/// </summary>
public static class MeasureNames
{
    /// <summary>(name, unit) of every measure, in output order (<see cref="Measure.All"/>).</summary>
    public static readonly IReadOnlyList<(string Name, string Unit)> All = [.. Measure.All.Select(m => (m.Name, m.Unit))];

    /// <summary>The unit of a measure, or "" when the name is not a known measure.</summary>
    public static string UnitOf(string name)
    {
        foreach ((string n, string u) in All)
        {
            if (n == name)
            {
                return u;
            }
        }

        return "";
    }
}
