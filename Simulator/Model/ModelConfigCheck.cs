using System.Globalization;

namespace LookoutSim.Model;

/// <summary>
/// Checks a <see cref="ModelConfig"/> for values the model cannot run with, collecting every
/// problem (field path and value) rather than stopping at the first. The scenario layer gives
/// users file-and-line diagnostics; this is the model's own guard, so a bad mapping fails loudly.
/// </summary>
public static class ModelConfigCheck
{
    /// <summary>Every problem found; empty when the configuration can run.</summary>
    public static IReadOnlyList<string> Problems(ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var p = new List<string>();
        void Need(bool ok, string path, object? value, string what)
        {
            if (!ok)
            {
                p.Add(string.Create(CultureInfo.InvariantCulture, $"{path} ({value}) {what}"));
            }
        }

        Need(config.Horizon > 0 && double.IsFinite(config.Horizon), "horizon", config.Horizon, "must be a finite time > 0");
        Need(config.Warmup >= 0 && config.Warmup < config.Horizon, "warmup", config.Warmup, "must be ≥ 0 and below the horizon");
        Need(config.Interval > 0, "interval", config.Interval, "must be > 0");
        Need(config.Service.Concurrency >= 1, "service.concurrency", config.Service.Concurrency, "must be ≥ 1");
        Need(config.Service.Base >= 0 && config.Service.PerMegapixel >= 0 && config.Service.PerMegabyte >= 0, "service", config.Service.Base, "times must be ≥ 0");
        Need(!config.Images.IsDefaultOrEmpty && config.Images.All(i => i.Share >= 0) && config.Images.Sum(i => i.Share) > 0, "images", config.Images.Length, "need shares ≥ 0 adding up to more than 0");
        Need(!config.Traffic.IsDefaultOrEmpty, "traffic", 0, "needs at least one source");
        if (!config.Traffic.IsDefaultOrEmpty)
        {
            Need(config.Traffic.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count() == config.Traffic.Length, "traffic", config.Traffic.Length, "source names must be unique");
        }

        DeploymentConfig d = config.Deployment;
        Need(!d.Zones.IsDefaultOrEmpty && d.Zones.Distinct(StringComparer.Ordinal).Count() == d.Zones.Length, "deployment.zones", d.Zones.Length, "must be at least one, without repeats");
        Need(d.MinUnits >= 1, "deployment.min_units", d.MinUnits, "must be ≥ 1");
        Need(d.MaxUnits is null || d.MaxUnits >= d.MinUnits, "deployment.max_units", d.MaxUnits, "must not be below min_units");
        Need(d.QueuePerUnit >= 0, "deployment.queue_per_unit", d.QueuePerUnit, "must be ≥ 0");
        Need(d.ThrottleLatency >= 0, "deployment.throttle_latency", d.ThrottleLatency, "must be ≥ 0");
        Need(d.Burst > 0, "deployment.burst", d.Burst, "must be > 0");
        foreach (ClientConfig c in config.Traffic.IsDefaultOrEmpty ? [config.Client] : config.Traffic.Select(t => t.Client ?? config.Client).Append(config.Client))
        {
            Need(c.Timeout > 0, "client.timeout", c.Timeout, "must be > 0");
            Need(c.Retry.MaxAttempts >= 1, "client.retry.max_attempts", c.Retry.MaxAttempts, "must be ≥ 1");
            Need(c.Retry.Base >= 0 && c.Retry.MaxDelay >= 0, "client.retry", c.Retry.Base, "delays must be ≥ 0");
        }

        FailuresConfig f = config.Failures;
        Need(f.UnitMtbf is null || f.UnitMtbf > 0, "failures.unit_mtbf", f.UnitMtbf, "must be > 0");
        Need(f.UnitReplacementDelay >= 0, "failures.unit_replacement_delay", f.UnitReplacementDelay, "must be ≥ 0");
        foreach (ZoneOutage o in f.ZoneOutages)
        {
            Need(o.Zone >= 0 && o.Zone < d.Zones.Length, "failures.zone_outages.zone", o.Zone, "is not a zone of the deployment");
            Need(o.At >= 0 && o.Duration >= 0, "failures.zone_outages", o.At, "need at ≥ 0 and duration ≥ 0");
        }

        double windowEnd = double.NegativeInfinity;
        foreach (MeasureWindow w in config.MeasureWindows.IsDefault ? [] : config.MeasureWindows)
        {
            Need(w.From >= windowEnd && w.From < w.To && w.To <= config.Horizon, "measure_windows", w.From, "must be ascending, not overlapping, non-empty and within the horizon");
            windowEnd = w.To;
        }

        Need(f.RandomZoneOutages is null || f.RandomZoneOutages.Every > 0, "failures.zone_outages.every", f.RandomZoneOutages?.Every, "must be > 0");
        Need(config.Billing.Granularity >= 0 && config.Billing.PricePerUnitHour >= 0, "billing", config.Billing.Granularity, "granularity and price must be ≥ 0");
        Need(config.Autoscaling.Evaluation > 0 && config.Autoscaling.Target > 0 && config.Autoscaling.ScaleInStep >= 1, "autoscaling", config.Autoscaling.Target, "needs evaluation > 0, target > 0, scale_in_step ≥ 1");
        return p;
    }
}
