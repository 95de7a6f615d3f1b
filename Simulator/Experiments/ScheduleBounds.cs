using System.Globalization;

namespace LookoutSim.Experiments;

/// <summary>
/// The unit bounds a schedule entry sets (<c>schedule[i].min_units</c> / <c>max_units</c>), so
/// that <see cref="Planner"/> candidates reach the deployment the schedule actually runs.
/// </summary>
/// <param name="Index">The entry's position in <c>schedule</c>.</param>
/// <param name="MinUnits">The entry's <c>min_units</c>, or null when it keeps the current one.</param>
/// <param name="MaxUnits">The entry's <c>max_units</c>, or null when it keeps the current one.</param>
/// <remarks>
/// <para>Without this, a schedule entry that sets bounds replaces every candidate's min and max at
/// its first firing, so all candidates run the same deployment. The rule: a candidate (min m, max M)
/// replaces the bounds of the entries that set them, scaled so that the largest value any entry sets
/// becomes the candidate's value: entry min' = ceil(entry min × m ÷ largest entry min), at least 1;
/// entry max' = ceil(entry max × M ÷ largest entry max), at least entry min' (or m when the entry sets no min). A schedule with one
/// shift size (the common case) thus runs exactly the candidate; a smaller night shift keeps its
/// proportion to the day shift.</para>
/// </remarks>
public sealed record ScheduleBounds(int Index, int? MinUnits, int? MaxUnits)
{
    /// <summary>
    /// The <c>--set</c> parameters that put candidate (<paramref name="min"/>, <paramref name="max"/>)
    /// into every entry of <paramref name="entries"/> (see the type's remarks), in entry order.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Scale(IReadOnlyList<ScheduleBounds> entries, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(entries);
        int largestMin = entries.Max(e => e.MinUnits ?? 0);
        int largestMax = entries.Max(e => e.MaxUnits ?? 0);
        CultureInfo c = CultureInfo.InvariantCulture;
        foreach (ScheduleBounds e in entries)
        {
            int? scaledMin = e.MinUnits is int entryMin && largestMin > 0
                ? Math.Max(1, (int)Math.Ceiling(((double)entryMin * min / largestMin) - 1e-9))
                : null;
            int? scaledMax = e.MaxUnits is int entryMax && largestMax > 0
                ? Math.Max(scaledMin ?? min, (int)Math.Ceiling(((double)entryMax * max / largestMax) - 1e-9))
                : null;
            string at = string.Create(c, $"schedule[{e.Index}]");
            if (scaledMin is int sMin)
            {
                yield return new(at + ".min_units", sMin.ToString(c));
            }

            if (scaledMax is int sMax)
            {
                yield return new(at + ".max_units", sMax.ToString(c));
            }
        }
    }
}
