using System.Globalization;

namespace LookoutSim.Experiments;

/// <summary>
/// One point of a sweep: a stable id (used as its folder name under <c>points/</c>) and the
/// overrides that make it, as field path → value as written in the scenario
/// (<c>"deployment.min_units" → "2"</c>, <c>"autoscaling.target" → "70%"</c>).
/// </summary>
/// <remarks>
/// Parameters keep their order: the sweep's fields first, in the order the sweep lists them.
/// The planner adds <c>deployment.min_units</c>, <c>deployment.max_units</c>,
/// <c>autoscaling.target</c> and, for the N+1 zone check, <see cref="ZoneLossParameter"/>.
/// </remarks>
/// <param name="Id">Stable id, a valid folder name (letters, digits, <c>-_.=</c>).</param>
/// <param name="Parameters">Field path → value as written.</param>
public sealed record SweepPoint(string Id, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    /// <summary>
    /// The parameter the planner adds for the zone-loss check: value <c>"&lt;zone&gt;@&lt;offset_s&gt;"</c>, meaning
    /// the named zone is down for one hour from <c>offset_s</c> seconds after the scenario start
    /// (the busiest hour). The scenario mapping turns it into a <c>failures.zone_outages</c> entry
    /// <c>{ zone, at: offset_s, duration: 1h }</c> added to the scenario's own outages.
    /// </summary>
    public const string ZoneLossParameter = "zone_loss";

    /// <summary>
    /// A plan parameter: every scheduled <c>start</c> fires this many seconds earlier (value in
    /// seconds, invariant culture); what <c>plan --search start-lead</c> varies.
    /// </summary>
    public const string StartLeadParameter = "start_lead_s";

    /// <summary>The value of a parameter, or null when the point does not set it.</summary>
    public string? Get(string path)
    {
        foreach (KeyValuePair<string, string> p in Parameters)
        {
            if (p.Key == path)
            {
                return p.Value;
            }
        }

        return null;
    }

    /// <summary>A copy with <paramref name="path"/> set to <paramref name="value"/> (replaced in place if present, else appended).</summary>
    public SweepPoint With(string path, string value, string? id = null)
    {
        var list = new List<KeyValuePair<string, string>>(Parameters.Count + 1);
        bool replaced = false;
        foreach (KeyValuePair<string, string> p in Parameters)
        {
            if (p.Key == path)
            {
                list.Add(new(path, value));
                replaced = true;
            }
            else
            {
                list.Add(p);
            }
        }

        if (!replaced)
        {
            list.Add(new(path, value));
        }

        return new SweepPoint(id ?? Id, list);
    }

    /// <summary>The parameters as <c>path=value</c> joined by spaces (for messages and logs).</summary>
    public string Describe() =>
        string.Join(' ', Parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));

    /// <summary>Value equality on id and parameters (records compare lists by reference).</summary>
    public bool Equals(SweepPoint? other) =>
        other is not null && Id == other.Id && Parameters.SequenceEqual(other.Parameters);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Id, StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> p in Parameters)
        {
            h.Add(p.Key, StringComparer.Ordinal);
            h.Add(p.Value, StringComparer.Ordinal);
        }

        return h.ToHashCode();
    }
}
