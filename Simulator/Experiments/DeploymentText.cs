using System.Globalization;
using LookoutSim.Scenarios;

namespace LookoutSim.Experiments;

/// <summary>A scenario's deployment in words, for the report's answer line.</summary>
public static class DeploymentText
{
    /// <summary>
    /// The deployment in words, for the report's answer line: <c>2 to 5 units over 2 zones (use1-az1,
    /// use1-az2), autoscaling at 70% utilization</c>, <c>2 units (fixed) in zone az-1</c>, and
    /// <c>; the schedule changes the bounds</c> when a schedule entry sets them.
    /// </summary>
    public static string Describe(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        DeploymentSpec d = scenario.Deployment;
        CultureInfo ci = CultureInfo.InvariantCulture;
        string zones = d.Zones.Count == 1
            ? $"in zone {d.Zones[0]}"
            : string.Create(ci, $"over {d.Zones.Count} zones ({string.Join(", ", d.Zones)})");
        string units = d.MinUnits == d.MaxUnits
            ? string.Create(ci, $"{d.MinUnits} unit{(d.MinUnits == 1 ? "" : "s")} (fixed) {zones}")
            : string.Create(ci, $"{d.MinUnits} to {d.MaxUnits} units {zones}, autoscaling at ") + Target(scenario.Autoscaling);
        bool scheduled = scenario.Schedule.Any(e => e.MinUnits is not null || e.MaxUnits is not null);
        return units + (scheduled ? "; the schedule changes the bounds" : "");
    }

    private static string Target(AutoscalingSpec a) => a.Metric == ScalingMetric.Utilization
        ? (a.Target * 100).ToString("0.##", CultureInfo.InvariantCulture) + "% utilization"
        : (a.Target * 100).ToString("0.##", CultureInfo.InvariantCulture) + "% of rated calls/s per unit";
}
