using System.Collections.Immutable;
using System.Globalization;
using LookoutSim.Engine;
using LookoutSim.Metrics;
using LookoutSim.Model;
using LookoutSim.Scenarios;
using S = LookoutSim.Scenarios;

namespace LookoutSim.Experiments;

/// <summary>
/// Turns a validated <see cref="Scenario"/> into the model's plain <see cref="ModelConfig"/>:
/// durations to seconds, ranges to uniform distributions, cron expressions to the absolute
/// times at which they fire within the horizon (in the scenario's time zone), zone names to
/// indices. The model never sees YAML, Cronos or files; a trace replay becomes the
/// <see cref="ITraceSource"/> that the caller's <see cref="ITraceFiles"/> opens.
/// </summary>
public static class ScenarioCompiler
{
    /// <summary>How long a lost zone stays down in a <see cref="SweepPoint.ZoneLossParameter"/> case, seconds (one hour).</summary>
    public const double ZoneLossDurationS = 3600;

    /// <summary>Compiles <paramref name="scenario"/>.</summary>
    /// <param name="scenario">A scenario that passed validation.</param>
    /// <param name="traces">Opens the traces the scenario replays.</param>
    /// <param name="requestSampleFraction">Share of requests written to requests.csv (0: none).</param>
    /// <param name="zoneLoss">
    /// Optional (zone, offset seconds): that zone is down for one hour from then. The case is measured
    /// over that loss's window only (<see cref="OutageWindows"/>), and the run stops once every call
    /// arriving in the window has ended (<see cref="ZoneLossEndS"/>): nothing after it is judged.
    /// </param>
    /// <param name="startLeadS">Seconds by which every scheduled <c>start</c> fires earlier (not before time 0); what <c>plan --search start-lead</c> varies. Default 0.</param>
    public static ModelConfig Compile(Scenario scenario, ITraceFiles traces, double requestSampleFraction = 0, (string Zone, double At)? zoneLoss = null, double startLeadS = 0)
    {
        ArgumentNullException.ThrowIfNull(traces);
        double horizon = scenario.Horizon.TotalSeconds;
        ImmutableArray<string> zones = [.. scenario.Deployment.Zones];
        var outages = scenario.Failures.ZoneOutages.Where(o => !o.IsRandom)
            .Select(o => new Model.ZoneOutage(ZoneIndex(zones, o.Zone), o.At!.Value.TotalSeconds, o.Duration.Mean.TotalSeconds))
            .ToList();
        if (zoneLoss is { } loss)
        {
            outages.Add(new Model.ZoneOutage(ZoneIndex(zones, loss.Zone), loss.At, ZoneLossDurationS));
        }

        ImmutableArray<MeasureWindow> windows = zoneLoss is { } lost
            ? OutageWindows(scenario, [(lost.At, ZoneLossDurationS)])
            : OutageWindows(scenario, [.. outages.Select(o => (o.At, o.Duration))]);
        TrafficSourceConfig[] traffic = [.. scenario.Traffic.Select(t => Traffic(scenario, t, traces))];
        ClientConfig defaultClient = Client(scenario.Client);
        if (zoneLoss is not null && windows.Length > 0)
        {
            horizon = Math.Min(horizon, ZoneLossEndS(windows[^1].To, traffic, defaultClient, scenario.Warmup.TotalSeconds, horizon));
        }

        S.ZoneOutage? random = scenario.Failures.ZoneOutages.FirstOrDefault(o => o.IsRandom);

        return new ModelConfig
        {
            Horizon = horizon,
            Warmup = scenario.Warmup.TotalSeconds,
            Interval = scenario.Interval.TotalSeconds,
            WeekOffset = WeekOffset(scenario),
            Service = Service(scenario.Service),
            Images = Images(scenario.Images),
            Traffic = [.. traffic],
            Client = defaultClient,
            Deployment = new DeploymentConfig
            {
                Zones = zones,
                MinUnits = scenario.Deployment.MinUnits,
                MaxUnits = scenario.Deployment.MaxUnits,
                Routing = Map(scenario.Deployment.Routing),
                Admission = Map(scenario.Deployment.Admission),
                QueuePerUnit = scenario.Deployment.QueuePerUnit,
                Burst = scenario.Deployment.Burst.TotalSeconds,
                ThrottleLatency = scenario.Deployment.ThrottleLatency.TotalSeconds,
                ModelStart = Range(scenario.Deployment.ModelStart),
                UnitStart = Range(scenario.Deployment.UnitStart),
            },
            Autoscaling = new AutoscalingConfig
            {
                Metric = Map(scenario.Autoscaling.Metric),
                Target = scenario.Autoscaling.Target,
                Evaluation = scenario.Autoscaling.Evaluation.TotalSeconds,
                ScaleOutCooldown = scenario.Autoscaling.ScaleOutCooldown.TotalSeconds,
                ScaleInCooldown = scenario.Autoscaling.ScaleInCooldown.TotalSeconds,
                ScaleInStep = scenario.Autoscaling.ScaleInStep,
                CountLostUnits = scenario.Autoscaling.CountLostUnits,
            },
            Failures = new FailuresConfig
            {
                UnitMtbf = scenario.Failures.UnitMtbf?.TotalSeconds,
                UnitFailureShape = scenario.Failures.UnitFailureShape == 1 ? null : scenario.Failures.UnitFailureShape,
                UnitReplacementDelay = scenario.Failures.UnitReplacementDelay.TotalSeconds,
                ZoneOutages = [.. outages],
                RandomZoneOutages = random is null ? null : new RandomZoneOutages(random.Every!.Value.TotalSeconds, Range(random.Duration)),
                Rebalance = scenario.Autoscaling.Rebalance,
            },
            Schedule = [.. Schedule(scenario, startLeadS)],
            IncludeModelStart = scenario.Deployment.IncludeModelStart,
            Billing = new BillingConfig
            {
                PricePerUnitHour = (double)scenario.Billing.PricePerUnitHour,
                Granularity = scenario.Billing.Granularity.TotalSeconds,
                Basis = Map(scenario.Billing.Basis),
            },
            RequestSampleFraction = requestSampleFraction,
            MeasureWindows = windows,
        };
    }

    /// <summary>The model's distribution family for a scenario's <c>service.distribution</c>.</summary>
    internal static DistributionKind Map(ServiceDistribution distribution) => distribution switch
    {
        ServiceDistribution.Deterministic => DistributionKind.Deterministic,
        ServiceDistribution.Exponential => DistributionKind.Exponential,
        ServiceDistribution.LogNormal => DistributionKind.LogNormal,
        ServiceDistribution.Gamma => DistributionKind.Gamma,
        _ => throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "no model distribution"),
    };

    /// <summary>The model's routing policy for a scenario's <c>deployment.routing</c>.</summary>
    internal static Model.RoutingPolicy Map(S.RoutingPolicy routing) => routing switch
    {
        S.RoutingPolicy.LeastOutstanding => Model.RoutingPolicy.LeastOutstanding,
        S.RoutingPolicy.RoundRobin => Model.RoutingPolicy.RoundRobin,
        S.RoutingPolicy.Random => Model.RoutingPolicy.Random,
        S.RoutingPolicy.PowerOfTwo => Model.RoutingPolicy.PowerOfTwo,
        S.RoutingPolicy.SharedQueue => Model.RoutingPolicy.SharedQueue,
        _ => throw new ArgumentOutOfRangeException(nameof(routing), routing, "no model routing policy"),
    };

    /// <summary>The model's admission policy for a scenario's <c>deployment.admission</c>.</summary>
    internal static Model.AdmissionPolicy Map(S.AdmissionPolicy admission) => admission switch
    {
        S.AdmissionPolicy.Queue => Model.AdmissionPolicy.Queue,
        S.AdmissionPolicy.RateLimit => Model.AdmissionPolicy.RateLimit,
        _ => throw new ArgumentOutOfRangeException(nameof(admission), admission, "no model admission policy"),
    };

    /// <summary>The model's autoscaling metric for a scenario's <c>autoscaling.metric</c>.</summary>
    internal static AutoscalingMetric Map(ScalingMetric metric) => metric switch
    {
        ScalingMetric.Utilization => AutoscalingMetric.Utilization,
        ScalingMetric.TpsPerUnit => AutoscalingMetric.TpsPerUnit,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "no model autoscaling metric"),
    };

    /// <summary>The model's billing basis for a scenario's <c>billing.basis</c>.</summary>
    internal static Model.BillingBasis Map(S.BillingBasis basis) => basis switch
    {
        S.BillingBasis.Desired => Model.BillingBasis.Desired,
        S.BillingBasis.Provisioned => Model.BillingBasis.Provisioned,
        _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, "no model billing basis"),
    };

    /// <summary>The model's backoff jitter for a scenario's <c>client.retry.jitter</c>.</summary>
    internal static DailyShape Map(ProfileShape shape) => shape switch
    {
        ProfileShape.Step => DailyShape.Step,
        ProfileShape.Linear => DailyShape.Linear,
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "no model shape"),
    };

    internal static Jitter Map(RetryJitter jitter) => jitter switch
    {
        RetryJitter.Full => Jitter.Full,
        RetryJitter.Equal => Jitter.Equal,
        RetryJitter.None => Jitter.None,
        _ => throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "no model jitter"),
    };
    /// <summary>
    /// How long after an outage ends its window of measures runs on, seconds: the longest
    /// <c>deployment.unit_start</c> (the lost zone's units are started again when it is repaired)
    /// plus one <c>autoscaling.scale_in_cooldown</c> (the autoscaler gives back what it added for the
    /// outage). The same in every replication, so the window is known before the run.
    /// </summary>
    public static double RecoveryS(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.Deployment.UnitStart.Max.TotalSeconds + scenario.Autoscaling.ScaleInCooldown.TotalSeconds;
    }

    /// <summary>
    /// The windows of the "during outages" measures: each outage (start, duration in seconds) from its
    /// start to its end plus <see cref="RecoveryS"/>, cut at the horizon; overlapping windows are
    /// joined, so a request is counted once however many outages it falls in. Ascending.
    /// </summary>
    public static ImmutableArray<MeasureWindow> OutageWindows(Scenario scenario, IEnumerable<(double At, double Duration)> outages)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(outages);
        double horizon = scenario.Horizon.TotalSeconds;
        double recovery = RecoveryS(scenario);
        var joined = new List<MeasureWindow>();
        foreach ((double from, double to) in outages
            .Select(o => (From: Math.Max(0, o.At), To: Math.Min(horizon, o.At + o.Duration + recovery)))
            .Where(w => w.To > w.From)
            .OrderBy(w => w.From))
        {
            if (joined.Count > 0 && from <= joined[^1].To)
            {
                joined[^1] = joined[^1] with { To = Math.Max(joined[^1].To, to) };
            }
            else
            {
                joined.Add(new MeasureWindow(from, to));
            }
        }

        return [.. joined];
    }

    /// <summary>
    /// Where a zone-loss case's run stops, seconds: the window's end plus the longest a call arriving
    /// just before it can stay open (per source: attempts × timeout + (attempts − 1) × the longest retry
    /// delay), so every call of the window ends as it would over the whole horizon. The horizon when a
    /// source has no timeout (a call could wait for ever) or the stop would fall in the warm-up.
    /// </summary>
    private static double ZoneLossEndS(double windowEnd, IEnumerable<TrafficSourceConfig> traffic, ClientConfig defaultClient, double warmup, double horizon)
    {
        double life = 0;
        foreach (TrafficSourceConfig t in traffic)
        {
            ClientConfig c = t.Client ?? defaultClient;
            life = Math.Max(life, (c.Retry.MaxAttempts * c.Timeout) + ((c.Retry.MaxAttempts - 1) * c.Retry.MaxDelay));
        }

        double end = windowEnd + life;
        return double.IsFinite(end) && end > warmup ? end : horizon;
    }

    /// <summary>The SLO targets of the scenario, in seconds and ratios.</summary>
    public static SloTargets Slo(Scenario scenario) =>
        new(scenario.Slo.LatencyP99?.TotalSeconds, scenario.Slo.MaxFailed, scenario.Slo.Availability);

    /// <summary>Parses a <see cref="SweepPoint.ZoneLossParameter"/> value <c>zone@offset_s</c>.</summary>
    public static (string Zone, double At)? ParseZoneLoss(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        int at = value.LastIndexOf('@');
        return (value[..at], double.Parse(value[(at + 1)..], CultureInfo.InvariantCulture));
    }

    private static int ZoneIndex(ImmutableArray<string> zones, string? zone)
    {
        int i = zone is null ? 0 : zones.IndexOf(zone);
        return i >= 0 ? i : throw new ArgumentException($"zone '{zone}' is not one of the deployment's zones", nameof(zone));
    }

    private static Distribution Range(DurationRange r) =>
        r.IsFixed ? Distribution.Deterministic(r.Min.TotalSeconds) : Distribution.Uniform(r.Min.TotalSeconds, r.Max.TotalSeconds);

    private static double WeekOffset(Scenario scenario)
    {
        DateTimeOffset local = TimeZoneInfo.ConvertTime(scenario.Start, scenario.Timezone);
        int daysSinceMonday = ((int)local.DayOfWeek + 6) % 7;
        return (daysSinceMonday * 86400.0) + local.TimeOfDay.TotalSeconds;
    }

    private static ServiceConfig Service(ServiceSpec s) => new()
    {
        Base = s.Base.TotalSeconds,
        PerMegapixel = s.PerMegapixel.TotalSeconds,
        PerMegabyte = s.PerMegabyte.TotalSeconds,
        Distribution = Map(s.Distribution),
        Cv = s.Cv,
        Concurrency = s.Concurrency,

        // Scenarios already solved base from tps_per_unit; the model takes the usable base as it is.
    };

    private static ImmutableArray<Model.ImageSpec> Images(IEnumerable<S.ImageSpec> images) =>
        [.. images.Select(i => new Model.ImageSpec(i.Share, i.Width, i.Height, i.SizeMb))];

    private static ClientConfig Client(ClientSpec c) => new()
    {
        Timeout = c.Timeout > TimeSpan.Zero ? c.Timeout.TotalSeconds : double.PositiveInfinity,
        Retry = new Model.RetryPolicy
        {
            MaxAttempts = c.Retry.MaxAttempts,
            Base = c.Retry.Base.TotalSeconds,
            MaxDelay = c.Retry.MaxDelay.TotalSeconds,
            Jitter = Map(c.Retry.Jitter),
            QuotaTokens = c.Retry.Quota,
            RetryCost = S.RetryPolicy.RetryCost,
            TimeoutRetryCost = S.RetryPolicy.TimeoutRetryCost,
            SuccessRefund = S.RetryPolicy.SuccessRefund,
        },
    };

    private static TrafficSourceConfig Traffic(Scenario scenario, S.TrafficSource t, ITraceFiles traces)
    {
        ImmutableArray<Model.ImageSpec> images = Images(t.Images);
        ClientConfig client = Client(t.Client);
        return t.Pattern switch
        {
            TrafficPattern.Poisson => new PoissonTraffic { Name = t.Name, Images = images, Client = client, Rate = t.Rate },
            TrafficPattern.Daily => new DailyTraffic
            {
                Name = t.Name,
                Images = images,
                Client = client,
                Rate = t.Rate,
                Profile = [.. t.Profile],
                Shape = Map(t.Shape),
                Weekdays = [t.Weekdays.Mon, t.Weekdays.Tue, t.Weekdays.Wed, t.Weekdays.Thu, t.Weekdays.Fri, t.Weekdays.Sat, t.Weekdays.Sun],
            },
            TrafficPattern.Steps => new StepsTraffic
            {
                Name = t.Name,
                Images = images,
                Client = client,
                Steps = [.. t.Steps.Select(s => new Model.RateStep(s.At.TotalSeconds, s.Rate))],
                Repeat = t.Repeat?.TotalSeconds,
            },
            TrafficPattern.Bursty => new BurstyTraffic
            {
                Name = t.Name,
                Images = images,
                Client = client,
                NormalRate = t.Bursts!.Value.NormalRate,
                BurstRate = t.Bursts.Value.BurstRate,
                MeanNormal = t.Bursts.Value.NormalDuration.TotalSeconds,
                MeanBurst = t.Bursts.Value.BurstDuration.TotalSeconds,
            },
            TrafficPattern.Trace => new TraceTraffic
            {
                Name = t.Name,
                Images = images,
                Client = client,
                Source = traces.Open(t.Trace!, scenario.Start),
                Speed = t.Trace!.Speed,
                Scale = t.Trace.Scale,
            },
            TrafficPattern.Closed => new ClosedTraffic
            {
                Name = t.Name,
                Images = images,
                Client = client,
                Clients = t.Closed!.Clients,
                BatchImages = t.Closed.Images,
                Think = t.Closed.Think.TotalSeconds,
                StartTimes = [.. Times(scenario, t.Closed.Cron, t.Closed.At ?? (t.Closed.Cron is null ? TimeSpan.Zero : null))],
            },
            _ => throw new ArgumentOutOfRangeException(nameof(t), t.Pattern, "unknown traffic pattern"),
        };
    }

    private static IEnumerable<Model.ScheduleEntry> Schedule(Scenario scenario, double startLeadS)
    {
        var entries = new List<(double At, int Order, Model.ScheduleEntry Entry)>();
        int order = 0;
        foreach (S.ScheduleEntry e in scenario.Schedule)
        {
            var action = e.Action == S.ScheduleAction.Start ? Model.ScheduleAction.Start : Model.ScheduleAction.Stop;
            foreach (double fires in Times(scenario, e.Cron, e.At))
            {
                double at = action == Model.ScheduleAction.Start ? Math.Max(0, fires - startLeadS) : fires;
                entries.Add((at, order++, new Model.ScheduleEntry(at, action, e.MinUnits, e.MaxUnits)));
            }
        }

        return entries.OrderBy(x => x.At).ThenBy(x => x.Order).Select(x => x.Entry);
    }

    /// <summary>The offsets, seconds from the start, at which a cron expression (or one offset) fires within the horizon.</summary>
    internal static IEnumerable<double> Times(Scenario scenario, CronSchedule? cron, TimeSpan? at)
    {
        if (at is { } offset)
        {
            if (offset <= scenario.Horizon)
            {
                yield return offset.TotalSeconds;
            }

            yield break;
        }

        if (cron is null)
        {
            yield break;
        }

        // Validation keeps start + horizon by the year 9000; a record built in code is clamped to the calendar.
        DateTimeOffset end = DateTimeOffset.MaxValue - scenario.Start > scenario.Horizon ? scenario.Start + scenario.Horizon : DateTimeOffset.MaxValue;
        DateTimeOffset? next = cron.NextFrom(scenario.Start);
        while (next is { } t && t < end)
        {
            yield return (t - scenario.Start).TotalSeconds;
            next = cron.NextAfter(t);
        }
    }
}
