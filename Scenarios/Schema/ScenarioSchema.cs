using System.Collections.Immutable;

namespace LookoutSim.Scenarios.Schema;

/// <summary>The scenario format, described once. Field order here is the order of the resolved YAML.</summary>
internal static class ScenarioSchema
{
    public static readonly ImmutableArray<string> Patterns = ["poisson", "daily", "steps", "bursty", "trace", "closed"];

    public static SchemaNode Root { get; } = BuildRoot();

    private static SchemaNode S(ValueKind kind, string description, double? min = null, double? max = null, bool minExclusive = false) =>
        new() { Kind = kind, Description = description, Min = min, Max = max, MinExclusive = minExclusive };

    private static SchemaNode E(string description, params string[] values) =>
        new() { Kind = ValueKind.Enum, Description = description, EnumValues = [.. values] };

    private static SchemaNode Obj(string description, params SchemaField[] fields) =>
        new() { Kind = ValueKind.Object, Description = description, Fields = [.. fields] };

    private static SchemaNode List(string description, SchemaNode item, int? minItems = null, int? maxItems = null) =>
        new() { Kind = ValueKind.List, Description = description, Item = item, MinItems = minItems, MaxItems = maxItems };

    private static SchemaField F(string key, SchemaNode node, string? def = null, bool required = false) =>
        new() { Key = key, Node = node, Default = def, Required = required };

    private static SchemaField Section(string key, SchemaNode node) =>
        new() { Key = key, Node = node, CreateWhenAbsent = true };

    private static SchemaNode Image(string description) => Obj(
        description,
        F("share", S(ValueKind.Share, "Share of the calls carrying this image (percent or fraction); the shares of a mix add up to 100%. Default: equal shares.")),
        F("width", S(ValueKind.Integer, "Width in pixels.", 1, 100_000), required: true),
        F("height", S(ValueKind.Integer, "Height in pixels.", 1, 100_000), required: true),
        F("size", S(ValueKind.Size, "Encoded size (1.5MB = 1.5×10^6 bytes, 2MiB, 800KB)."), required: true));

    private static SchemaNode Client(bool withDefaults)
    {
        SchemaNode retryObject = Obj(
            "Explicit retry policy: delay = jitter × min(base × 2^(attempt−1), max_delay).",
            F("max_attempts", S(ValueKind.Integer, "Attempts in all, the first included.", 1, 100), "3"),
            F("base", S(ValueKind.Duration, "Backoff cap of the first retry."), "1s"),
            F("max_delay", S(ValueKind.Duration, "Largest backoff cap."), "20s"),
            F("jitter", E("Backoff jitter.", "full", "equal", "none"), "full"),
            F("quota", S(ValueKind.QuotaTokens, "Client-side retry quota in tokens (5 per retry, 10 per retry after a timeout, 1 refunded per success), or off."), "500"));
        var retry = new SchemaNode
        {
            Kind = ValueKind.Union,
            Description = "Retry policy: aws-standard (3 attempts, full jitter, base 1s, max 20s, 500-token quota), none, or an explicit mapping.",
            Alternatives = [E("Named retry policy.", "aws-standard", "none"), retryObject],
        };
        return Obj(
            withDefaults ? "Client settings of every traffic source (a source may override them)." : "This source's client settings over the scenario's.",
            F("timeout", S(ValueKind.Duration, "Time a client waits for one attempt's answer.", 0, minExclusive: true), withDefaults ? "10s" : null),
            F("retry", retry, withDefaults ? "aws-standard" : null));
    }

    private static SchemaField T(string key, SchemaNode node, string[] patterns, string[]? requiredFor = null, string? def = null) =>
        new() { Key = key, Node = node, Patterns = [.. patterns], RequiredFor = [.. requiredFor ?? []], Default = def };

    private static SchemaNode Traffic()
    {
        string[] closed = ["closed"];
        var imagesUnion = new SchemaNode
        {
            Kind = ValueKind.Union,
            Description = "This source's image mix (a list), or for a closed source the number of images the job processes.",
            Alternatives = [S(ValueKind.Integer, "Images the batch job processes.", 1, 1e12), List("Image mix of this source.", Image("One image kind."), 1)],
        };
        SchemaNode source = Obj(
            "One traffic source.",
            F("name", S(ValueKind.String, "Unique name of the source."), required: true),
            F("pattern", E("Arrival pattern.", [.. Patterns]), required: true),
            T("rate", S(ValueKind.Rate, "Calls per period (8/s, 480/min): the constant rate (poisson) or the mean over a day (daily)."), ["poisson", "daily"], ["poisson", "daily"]),
            T("profile", List("24 hourly multipliers, hour 0 (00:00-01:00) first, in the scenario's time zone; normalized to mean 1.", S(ValueKind.Number, "Multiplier.", 0), 24, 24), ["daily"]),
            T("shape", E("How the hourly multipliers make the rate: step (hour h runs at multiplier h from h:00 to h+1:00; 0 means no traffic in that hour) or linear (straight lines between knots at each hour's middle, h:30).", "step", "linear"), ["daily"], def: "step"),
            T("weekdays", Obj(
                "Multipliers by weekday (default 1).",
                F("mon", def: "1", node: S(ValueKind.Number, "Monday multiplier.", 0, 1000)),
                F("tue", def: "1", node: S(ValueKind.Number, "Tuesday multiplier.", 0, 1000)),
                F("wed", def: "1", node: S(ValueKind.Number, "Wednesday multiplier.", 0, 1000)),
                F("thu", def: "1", node: S(ValueKind.Number, "Thursday multiplier.", 0, 1000)),
                F("fri", def: "1", node: S(ValueKind.Number, "Friday multiplier.", 0, 1000)),
                F("sat", def: "1", node: S(ValueKind.Number, "Saturday multiplier.", 0, 1000)),
                F("sun", def: "1", node: S(ValueKind.Number, "Sunday multiplier.", 0, 1000))), ["daily"]),
            T("steps", List("Piecewise-constant rates; the first at 0h.", Obj("One step.", F("at", S(ValueKind.Offset, "Offset of the step."), required: true), F("rate", S(ValueKind.Rate, "Rate from then on."), required: true)), 1), ["steps"], ["steps"]),
            T("repeat", S(ValueKind.Duration, "Period after which the steps repeat (e.g. 1d, 7d).", 0, minExclusive: true), ["steps"]),
            T("rates", List("[normal, burst] rates.", S(ValueKind.Rate, "Rate."), 2, 2), ["bursty"], ["bursty"]),
            T("durations", List("[mean time normal, mean time burst] (exponential).", S(ValueKind.Duration, "Mean time in the state.", 0, minExclusive: true), 2, 2), ["bursty"], ["bursty"]),
            T("file", S(ValueKind.Path, "Trace CSV, relative to the scenario file."), ["trace"], ["trace"]),
            T("column", S(ValueKind.String, "time_s (seconds from start), a timestamp column, or count (calls per interval)."), ["trace"], def: "time_s"),
            T("interval", S(ValueKind.Duration, "Interval of a count column.", 0, minExclusive: true), ["trace"], def: "1m"),
            T("speed", S(ValueKind.Number, "Time scaling of the trace (2 = twice as fast).", 0, 1e6, minExclusive: true), ["trace"], def: "1"),
            T("scale", S(ValueKind.Number, "Rate multiplier of the trace.", 0, 1e6, minExclusive: true), ["trace"], def: "1"),
            T("clients", S(ValueKind.Integer, "Concurrent callers of the batch job.", 1, 100_000), closed, closed),
            T("think", S(ValueKind.Duration, "Pause of a caller between answer and next call."), closed, def: "0s"),
            T("cron", S(ValueKind.Cron, "When the batch job starts (5-field cron, in the scenario's time zone)."), closed),
            T("at", S(ValueKind.Offset, "When the batch job starts, once (offset in the horizon). Default: 0h when no cron is given."), closed),
            F("images", imagesUnion),
            F("client", Client(withDefaults: false)));

        return List("Traffic sources; their calls add up.", source, 1);
    }

    private static SchemaNode BuildRoot()
    {
        SchemaNode service = Obj(
            "Service time: S(image) = base + per_megapixel × MP + per_megabyte × MB, drawn from the distribution.",
            new SchemaField { Key = "base", Node = S(ValueKind.Duration, "Fixed part of the mean service time."), Default = "0s", DefaultUnlessSibling = "tps_per_unit" },
            F("per_megapixel", S(ValueKind.Duration, "Added per megapixel of the image (at most 1/10,000 of 100 years, so the largest image's time stays within 100 years).", 0, ScenarioLimits.MaxDuration.TotalSeconds / 10_000), "0s"),
            F("per_megabyte", S(ValueKind.Duration, "Added per MB of the image (at most 1/1,000 of 100 years, so the largest image's time stays within 100 years).", 0, ScenarioLimits.MaxDuration.TotalSeconds / 1_000), "0s"),
            F("distribution", E("Distribution around the mean.", "deterministic", "exponential", "lognormal", "gamma"), "lognormal"),
            F("cv", S(ValueKind.Number, "Coefficient of variation (lognormal, gamma).", 0, 10, minExclusive: true), "0.3"),
            F("concurrency", S(ValueKind.Integer, "Requests one unit serves at once.", 1, 1024), "1"),
            F("tps_per_unit", S(ValueKind.Number, "Measured TPS of one unit on the reference image; base is solved from it.", 0, ScenarioLimits.MaxRatePerSecond, minExclusive: true)),
            F("reference_image", Obj(
                "Image tps_per_unit was measured with. Default: the first image of the mix.",
                F("width", S(ValueKind.Integer, "Width in pixels.", 1, 100_000), required: true),
                F("height", S(ValueKind.Integer, "Height in pixels.", 1, 100_000), required: true),
                F("size", S(ValueKind.Size, "Encoded size."), required: true))));

        SchemaNode deployment = Obj(
            "Zones, unit counts, routing and admission.",
            F("zones", List("Availability zones, in placement order.", S(ValueKind.String, "Zone name."), 1, 64), "[az-1]"),
            F("min_units", S(ValueKind.Integer, "MinInferenceUnits.", 1, ScenarioLimits.MaxUnits), required: true),
            new SchemaField { Key = "max_units", Node = S(ValueKind.Integer, "MaxInferenceUnits; above min_units the autoscaler runs. Default: min_units.", 1, 10_000), DefaultFromSibling = "min_units" },
            F("routing", E("How the front end picks a unit.", "least-outstanding", "round-robin", "random", "power-of-two", "shared-queue"), "least-outstanding"),
            F("admission", E("How calls are admitted: bounded queue per unit, or token bucket at the rated TPS.", "queue", "rate-limit"), "queue"),
            F("queue_per_unit", S(ValueKind.Integer, "Requests a unit queues beyond those in service.", 0, 100_000), "8"),
            F("burst", S(ValueKind.Duration, "Token-bucket depth (rate-limit), as time at the rated TPS."), "1s"),
            F("throttle_latency", S(ValueKind.Duration, "Time until a throttled call is answered."), "5ms"),
            F("model_start", S(ValueKind.DurationRange, "Time to host the model (range drawn uniformly)."), "10m..20m"),
            F("unit_start", S(ValueKind.DurationRange, "Time to provision one unit (range drawn uniformly)."), "4m..8m"),
            F("include_model_start", S(ValueKind.Bool, "Without a schedule, whether the start at 0 takes model_start."), "false"));

        SchemaNode autoscaling = Obj(
            "Target tracking (used when max_units > min_units); the service's policy is undocumented, these are assumptions.",
            F("metric", E("Tracked metric.", "utilization", "tps_per_unit"), "utilization"),
            F("target", S(ValueKind.Share, "Target of the metric.", 0, 1, minExclusive: true), "70%"),
            F("evaluation", S(ValueKind.Duration, "Evaluation period.", 0, minExclusive: true), "1m"),
            F("scale_out_cooldown", S(ValueKind.Duration, "Least time between scale-outs."), "2m"),
            F("scale_in_cooldown", S(ValueKind.Duration, "Time desired stays below current before a scale-in."), "15m"),
            F("scale_in_step", S(ValueKind.Integer, "Most units removed per scale-in.", 1, 10_000), "1"),
            F("rebalance", S(ValueKind.Bool, "Place replacements for a lost zone in the surviving zones."), "false"),
            F("count_lost_units", S(ValueKind.Bool, "Assumption: units lost with their zone still count as in service for scale-out."), "false"));

        SchemaNode outage = Obj(
            "A listed outage (zone, at, duration) or random outages (every, duration, optional zone).",
            F("zone", S(ValueKind.String, "Zone; for random outages, omit for every zone.")),
            F("at", S(ValueKind.Offset, "Offset of a listed outage.")),
            F("every", S(ValueKind.Duration, "Mean time between random outages of a zone.", 0, minExclusive: true)),
            F("duration", S(ValueKind.DurationRange, "Duration (a range is drawn uniformly)."), required: true));

        SchemaNode failures = Obj(
            "What fails. Default: nothing.",
            F("unit_mtbf", S(ValueKind.Duration, "Mean time between failures of one unit.", 0, minExclusive: true)),
            F("unit_failure_shape", S(ValueKind.Number, "Weibull shape of a unit's time to failure (1 = exponential).", 0, 100, minExclusive: true), "1"),
            F("unit_replacement_delay", S(ValueKind.Duration, "Delay before a failed unit's replacement starts."), "1m"),
            F("zone_outages", List("Zone outages.", outage), "[]"));

        SchemaNode schedule = List(
            "Model starts and stops.",
            Obj(
                "One scheduled action, at a cron time or once at an offset.",
                F("cron", S(ValueKind.Cron, "Repeating time (5 fields, scenario time zone).")),
                F("at", S(ValueKind.Offset, "One offset in the horizon.")),
                F("action", E("What to do.", "start", "stop"), required: true),
                F("min_units", S(ValueKind.Integer, "New MinInferenceUnits on start.", 1, 10_000)),
                F("max_units", S(ValueKind.Integer, "New MaxInferenceUnits on start.", 1, 10_000))));

        SchemaNode billing = Obj(
            "Pricing.",
            F("price_per_unit_hour", S(ValueKind.Money, "Price of one unit-hour."), "4.00"),
            F("currency", S(ValueKind.String, "Currency code."), "USD"),
            F("granularity", S(ValueKind.Duration, "Billed spans are rounded up to this.", 0, minExclusive: true), "1m"),
            F("basis", E("Billed units: desired (allocated) or provisioned (each instance).", "desired", "provisioned"), "desired"));

        SchemaNode slo = Obj(
            "Service-level objectives; verdicts per replication and overall.",
            F("latency_p99", S(ValueKind.Duration, "Most p99 client latency.", 0, minExclusive: true)),
            F("max_failed", S(ValueKind.Share, "Most failed share of requests.")),
            F("availability", S(ValueKind.Share, "Least availability.")));

        var sweep = new SchemaNode
        {
            Kind = ValueKind.Sweep,
            Description = "Field paths (as for --set) mapped to lists of values; mode cartesian (default) or zip.",
            Fields = [F("mode", E("How the lists combine.", "cartesian", "zip"), "cartesian")],
        };

        return Obj(
            "A LookoutSim scenario.",
            F("name", S(ValueKind.String, "Name of the scenario (results folder): at most 64 printable characters, none of / \\ : * ? \" < > | or ..") with { TextRule = TextRule.FolderName }, required: true),
            F("description", S(ValueKind.String, "Free text.") with { AllowEmpty = true, TextRule = TextRule.FreeText }, "\"\""),
            F("provider", E("Provider preset; see `lookoutsim presets`.", [.. ProviderPresets.All.Select(p => p.Name)])),
            F("seed", S(ValueKind.Integer, "Master seed.", 0), "1"),
            F("start", S(ValueKind.Timestamp, "Instant of simulated time 0."), "2024-01-01T00:00:00Z"),
            F("timezone", S(ValueKind.TimeZone, "Time zone of cron expressions (IANA id)."), "UTC"),
            F("horizon", S(ValueKind.Duration, "Simulated length of a replication.", 0, minExclusive: true), required: true),
            F("warmup", S(ValueKind.Duration, "Requests before this are not measured."), "0s"),
            F("replications", S(ValueKind.Integer, "Independent replications.", 1, 10_000), "5"),
            F("interval", S(ValueKind.Duration, "Time-series interval.", 0, minExclusive: true), "1m"),
            new SchemaField { Key = "service", Node = service, Required = true },
            F("images", List("Image mix of the calls.", Image("One image kind."), 1), "[{ width: 1920, height: 1080, size: 1MB }]"),
            F("traffic", Traffic(), required: true),
            Section("client", Client(withDefaults: true)),
            new SchemaField { Key = "deployment", Node = deployment, Required = true },
            Section("autoscaling", autoscaling),
            Section("failures", failures),
            F("schedule", schedule, "[]"),
            Section("billing", billing),
            Section("slo", slo),
            F("sweep", sweep),
            F("uncertainty", new SchemaNode
            {
                Kind = ValueKind.Uncertainty,
                Description = "What is not known: field paths (as for --set) mapped to a range low..high, a list [a, b, …] or ±share of the value (±20%); none turns off the preset's ranges.",
            }));
    }

    /// <summary>The schema node at a field path such as <c>traffic[0].rate</c> or <c>deployment.min_units</c>; null when no such field.</summary>
    public static SchemaNode? Resolve(IReadOnlyList<PathSegment> path, out string? unknownKey, out IEnumerable<string> known)
    {
        SchemaNode node = Root;
        unknownKey = null;
        known = [];
        foreach (PathSegment seg in path)
        {
            SchemaNode? obj = node.Kind is ValueKind.Object or ValueKind.Sweep ? node : node.Alternatives.FirstOrDefault(a => a.Kind == ValueKind.Object);
            SchemaField? f = obj?.Field(seg.Key);
            if (f is null)
            {
                unknownKey = seg.Key;
                known = obj?.Fields.Select(x => x.Key) ?? [];
                return null;
            }

            node = f.Node;
            if (seg.Selector is not null)
            {
                SchemaNode? list = node.Kind == ValueKind.List ? node : node.Alternatives.FirstOrDefault(a => a.Kind == ValueKind.List);
                if (list?.Item is null)
                {
                    unknownKey = seg.Key + "[" + seg.Selector + "]";
                    return null;
                }

                node = list.Item;
            }
        }

        return node;
    }
}

/// <summary>One segment of a field path: a key, optionally followed by <c>[index]</c> or <c>[name]</c>.</summary>
internal readonly record struct PathSegment(string Key, string? Selector)
{
    public static bool TryParse(string path, out List<PathSegment> segments)
    {
        segments = [];
        foreach (string part in path.Split('.'))
        {
            string key = part;
            string? selector = null;
            int open = part.IndexOf('[', StringComparison.Ordinal);
            if (open >= 0)
            {
                if (!part.EndsWith(']') || open == part.Length - 2)
                {
                    return false;
                }

                key = part[..open];
                selector = part[(open + 1)..^1];
            }

            if (key.Length == 0)
            {
                return false;
            }

            segments.Add(new PathSegment(key, selector));
        }

        return segments.Count > 0;
    }
}
