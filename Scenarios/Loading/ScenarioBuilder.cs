using System.Collections.Immutable;
using System.Globalization;
using Cronos;
using LookoutSim.Scenarios.Yaml;

namespace LookoutSim.Scenarios.Loading;

/// <summary>
/// Turns a validated tree into records, checking what spans fields: max below min, shares that do
/// not add up, zones that do not exist, trace files, offsets outside the horizon, and so on.
/// Tolerates the holes validation left (its problems are already reported).
/// </summary>
internal sealed class ScenarioBuilder(List<Diagnostic> diagnostics, string? baseDirectory)
{
    /// <summary>Most zones named in a message (the schema's limit of a deployment).</summary>
    private const int MaxListedZones = 64;

    private DateTimeOffset start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private TimeSpan horizon;

    public Scenario Build(YMapping root)
    {
        start = Val<DateTimeOffset>(root, "start") ?? start;
        zone = Obj<TimeZoneInfo>(root, "timezone") ?? TimeZoneInfo.Utc;
        horizon = Val<TimeSpan>(root, "horizon") ?? TimeSpan.Zero;
        TimeSpan warmup = Val<TimeSpan>(root, "warmup") ?? TimeSpan.Zero;
        if (horizon > TimeSpan.Zero && warmup >= horizon && Node(root, "warmup") is { } w)
        {
            Report(w, "warmup", $"warmup ({Text(root, "warmup")}) is not below horizon ({Text(root, "horizon")}); nothing would be measured");
        }

        CheckCalendar(root);
        CheckIntervals(root);

        EquatableArray<ImageSpec> images = Images(root.Get("images") as YSequence, "images");
        ClientSpec client = Client(root.Get("client") as YMapping, new ClientSpec());
        DeploymentSpec deployment = Deployment(root.Get("deployment") as YMapping);
        var zoneSet = deployment.Zones.ToHashSet(StringComparer.Ordinal);
        WarnScheduleOverrides(root);

        var scenario = new Scenario
        {
            Name = Str(root, "name") ?? string.Empty,
            Description = Str(root, "description") ?? string.Empty,
            Provider = Str(root, "provider"),
            Seed = Val<long>(root, "seed") ?? 1,
            Start = start,
            Timezone = zone,
            Horizon = horizon,
            Warmup = warmup,
            Replications = (int)(Val<long>(root, "replications") ?? 5),
            Interval = Val<TimeSpan>(root, "interval") ?? TimeSpan.FromMinutes(1),
            Service = Service(root.Get("service") as YMapping, images),
            Images = images,
            Traffic = Traffic(root.Get("traffic") as YSequence, images, client),
            Client = client,
            Deployment = deployment,
            Autoscaling = Autoscaling(root.Get("autoscaling") as YMapping),
            Failures = Failures(root.Get("failures") as YMapping, zoneSet),
            Schedule = Schedule(root.Get("schedule") as YSequence, deployment),
            Billing = Billing(root.Get("billing") as YMapping),
            Slo = Slo(root.Get("slo") as YMapping),
            Sweep = Sweep(root.Get("sweep") as YMapping),
            Uncertainty = new UncertaintyReader(diagnostics).Read(root),
        };
        WarnSloShares(Map(root, "slo"));
        diagnostics.AddRange(ScheduleLeadCheck.Check(scenario, root.Get("schedule") as YSequence));
        return scenario;
    }

    /// <summary>
    /// Warns when a share SLO reads like a percent written without its sign: <c>max_failed: 0.1</c>
    /// (a bare fraction ≥ 0.05 allows 10% to fail; did you mean 0.1%?), and an availability below 90%.
    /// </summary>
    private void WarnSloShares(YMapping? slo)
    {
        if (slo?.Get("max_failed") is YScalar { Value: double failed } f && !f.Text.Contains('%', StringComparison.Ordinal) && failed >= 0.05)
        {
            string asPercent = (failed * 100).ToString("0.####", CultureInfo.InvariantCulture);
            diagnostics.Add(SchemaValidator.At(f, "slo.max_failed", string.Create(
                CultureInfo.InvariantCulture,
                $"slo.max_failed ({f.Text}) is a bare fraction, so it allows {asPercent}% of requests to fail; did you mean {f.Text}%? Write the percent sign ({f.Text}% or {asPercent}%)"), f.Text) with { Severity = DiagnosticSeverity.Warning });
        }

        if (slo?.Get("availability") is YScalar { Value: double availability } a && availability < 0.9)
        {
            string asPercent = (availability * 100).ToString("0.####", CultureInfo.InvariantCulture);
            string bare = a.Text.Contains('%', StringComparison.Ordinal) ? "" : $" ({a.Text} is a bare fraction)";
            diagnostics.Add(SchemaValidator.At(a, "slo.availability", string.Create(
                CultureInfo.InvariantCulture,
                $"slo.availability ({a.Text}) asks for only {asPercent}% of requests to succeed{bare}; an availability target is usually 99% or more, written with its sign (99.9%)"), a.Text) with { Severity = DiagnosticSeverity.Warning });
        }
    }

    /// <summary>The horizon ends by <see cref="ScenarioLimits.LatestInstant"/> (year 9000): every date of a run can be represented and every cron evaluated.</summary>
    private void CheckCalendar(YMapping root)
    {
        if (horizon <= TimeSpan.Zero || ScenarioLimits.LatestInstant - start >= horizon)
        {
            return;
        }

        YNode at = root.Get("start") is { Origin.Kind: not OriginKind.Default } s ? s : root.Get("horizon")!;
        Report(at, at == root.Get("start") ? "start" : "horizon", string.Create(
            CultureInfo.InvariantCulture,
            $"start ({start:yyyy-MM-dd}) + horizon ({Text(root, "horizon")}) ends after the year {ScenarioLimits.MaxYear}; a scenario's dates lie in the years {ScenarioLimits.MinYear}..{ScenarioLimits.MaxYear}"));
    }

    /// <summary>The time series of one replication holds at most <see cref="ScenarioLimits.MaxIntervals"/> intervals.</summary>
    private void CheckIntervals(YMapping root)
    {
        if (horizon <= TimeSpan.Zero || Val<TimeSpan>(root, "interval") is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        long count = (horizon.Ticks / interval.Ticks) + (horizon.Ticks % interval.Ticks == 0 ? 0 : 1);
        if (count <= ScenarioLimits.MaxIntervals)
        {
            return;
        }

        // The shortest whole-second (or whole-minute) interval that fits.
        long leastTicks = (horizon.Ticks + ScenarioLimits.MaxIntervals - 1) / ScenarioLimits.MaxIntervals;
        long unit = leastTicks > TimeSpan.TicksPerMinute ? TimeSpan.TicksPerMinute : TimeSpan.TicksPerSecond;
        var least = TimeSpan.FromTicks((leastTicks + unit - 1) / unit * unit);
        YNode at = root.Get("interval") is { Origin.Kind: not OriginKind.Default } i ? i : root.Get("horizon")!;
        Report(at, at == root.Get("interval") ? "interval" : "horizon", string.Create(
            CultureInfo.InvariantCulture,
            $"interval ({Text(root, "interval")}) over horizon ({Text(root, "horizon")}) makes {count:N0} time-series intervals per replication; the most is {ScenarioLimits.MaxIntervals:N0}: use an interval of at least {ScenarioValues.FormatDuration(least)}"));
    }

    private static YNode? Node(YMapping? m, string key) => m?.Get(key);

    private static YMapping? Map(YMapping? m, string key) => m?.Get(key) as YMapping;

    private static T? Val<T>(YMapping? m, string key)
        where T : struct => m?.Get(key) is YScalar { Value: T v } ? v : null;

    private static T? Obj<T>(YMapping? m, string key)
        where T : class => m?.Get(key) is YScalar { Value: T v } ? v : null;

    private static string? Str(YMapping? m, string key) => m?.Get(key) is YScalar { Value: string v } ? v : null;

    private static string Text(YMapping? m, string key) => m?.Get(key) is YScalar s ? SchemaValidator.Shorten(s.Text) : "?";

    private static int? Int(YMapping? m, string key) => Val<long>(m, key) is { } l ? (int)l : null;

    private void Report(YNode at, string path, string message, string? value = null) =>
        diagnostics.Add(SchemaValidator.At(at, path, message, value ?? (at as YScalar)?.Text));

    private static TEnum Enum<TEnum>(YMapping? m, string key, TEnum fallback)
        where TEnum : struct, Enum
    {
        string? text = Str(m, key);
        if (text is null)
        {
            return fallback;
        }

        string pascal = string.Concat(text.Split('-', '_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        return System.Enum.TryParse(pascal, ignoreCase: true, out TEnum value) ? value : fallback;
    }

    private TimeSpan? Offset(YMapping? m, string key, string path)
    {
        if (m?.Get(key) is not YScalar { Value: OffsetValue o } s)
        {
            return null;
        }

        TimeSpan at = o.Resolve(start, zone);
        if (at < TimeSpan.Zero)
        {
            Report(s, path, $"{path} ({SchemaValidator.Shorten(s.Text)}) is before the scenario's start ({start.ToString("u", CultureInfo.InvariantCulture)})");
            return null;
        }

        if (horizon > TimeSpan.Zero && at >= horizon)
        {
            diagnostics.Add(SchemaValidator.At(s, path, $"{path} ({SchemaValidator.Shorten(s.Text)}) is at or after the horizon ({ScenarioValues.FormatDuration(horizon)}); it will not happen", s.Text) with { Severity = DiagnosticSeverity.Warning });
        }

        return at;
    }

    /// <summary>
    /// The cron schedule at <paramref name="key"/>: an error when it never fires (<c>0 0 30 2 *</c>),
    /// a warning when it first fires after the horizon (it does nothing in the run).
    /// </summary>
    private CronSchedule? Cron(YMapping? m, string key, string path)
    {
        if (m?.Get(key) is not YScalar { Value: CronExpression e } s)
        {
            return null;
        }

        var cron = new CronSchedule { Text = s.Text.Trim(), Expression = e, TimeZone = zone };
        DateTimeOffset? first = cron.NextFrom(start);
        string shown = SchemaValidator.Shorten(s.Text.Trim());
        if (first is null)
        {
            Report(s, path, $"{path} (\"{shown}\") never fires: no date matches it (e.g. 30 February); check the day-of-month and month fields");
        }
        else if (horizon > TimeSpan.Zero && first.Value - start >= horizon)
        {
            diagnostics.Add(SchemaValidator.At(s, path, string.Create(CultureInfo.InvariantCulture, $"{path} (\"{shown}\") first fires at {first.Value.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}, after the horizon ({ScenarioValues.FormatDuration(horizon)}); it does nothing in this run"), s.Text) with { Severity = DiagnosticSeverity.Warning });
        }
        else if (horizon > TimeSpan.Zero && FiresMoreThan(cron, first.Value, start + horizon, ScenarioLimits.MaxCronFirings))
        {
            Report(s, path, string.Create(CultureInfo.InvariantCulture, $"{path} (\"{shown}\") fires more than {ScenarioLimits.MaxCronFirings:N0} times in the horizon ({ScenarioValues.FormatDuration(horizon)}); the most is {ScenarioLimits.MaxCronFirings:N0}: fire less often or shorten the horizon"));
        }

        return cron;
    }

    /// <summary>True when <paramref name="cron"/> fires more than <paramref name="limit"/> times from <paramref name="first"/> to before <paramref name="end"/> (counts at most limit + 1).</summary>
    private static bool FiresMoreThan(CronSchedule cron, DateTimeOffset first, DateTimeOffset end, int limit)
    {
        int count = 0;
        for (DateTimeOffset? t = first; t is { } at && at < end; t = cron.NextAfter(at))
        {
            if (++count > limit)
            {
                return true;
            }
        }

        return false;
    }

    private EquatableArray<ImageSpec> Images(YSequence? seq, string path)
    {
        if (seq is null)
        {
            return [new ImageSpec { Width = 1920, Height = 1080, SizeMb = 1 }];
        }

        var maps = seq.Items.OfType<YMapping>().ToList();
        int given = maps.Count(m => m.Get("share") is not null);
        var list = new List<ImageSpec>();
        double sum = 0;
        for (int i = 0; i < maps.Count; i++)
        {
            YMapping m = maps[i];
            double share = Val<double>(m, "share") ?? (given == 0 ? 1.0 / maps.Count : 0);
            if (given > 0 && m.Get("share") is null)
            {
                Report(m, $"{path}[{i}].share", string.Create(CultureInfo.InvariantCulture, $"{path}[{i}].share is missing; give every image of the mix a share, or none (equal shares)"));
            }

            sum += share;
            list.Add(new ImageSpec
            {
                Share = share,
                Width = Int(m, "width") ?? 0,
                Height = Int(m, "height") ?? 0,
                SizeMb = Val<double>(m, "size") ?? 0,
            });
        }

        bool allValid = maps.Count == seq.Items.Count && maps.All(m => m.Get("share") is null || m.Get("share") is YScalar { Value: double });
        if (given == maps.Count && given > 0 && allValid && Math.Abs(sum - 1) > 1e-9)
        {
            Report(seq, path, string.Create(CultureInfo.InvariantCulture, $"{path} shares add up to {sum * 100:0.###}%; they must add up to 100%"));
        }

        return EquatableArray.From(list);
    }

    private static ClientSpec Client(YMapping? m, ClientSpec inherited)
    {
        if (m is null)
        {
            return inherited;
        }

        RetryPolicy retry = m.Get("retry") switch
        {
            YScalar { Value: "none" } => RetryPolicy.NoRetry,
            YScalar { Value: "aws-standard" } => RetryPolicy.AwsStandard,
            YMapping r => new RetryPolicy
            {
                Mode = RetryMode.Explicit,
                MaxAttempts = Int(r, "max_attempts") ?? 3,
                Base = Val<TimeSpan>(r, "base") ?? TimeSpan.FromSeconds(1),
                MaxDelay = Val<TimeSpan>(r, "max_delay") ?? TimeSpan.FromSeconds(20),
                Jitter = Enum(r, "jitter", RetryJitter.Full),
                Quota = Val<long>(r, "quota") is { } q ? (q < 0 ? null : (int)q) : 500,
            },
            _ => inherited.Retry,
        };
        return new ClientSpec { Timeout = Val<TimeSpan>(m, "timeout") ?? inherited.Timeout, Retry = retry };
    }

    private ServiceSpec Service(YMapping? m, EquatableArray<ImageSpec> images)
    {
        if (m is null)
        {
            return new ServiceSpec();
        }

        var service = new ServiceSpec
        {
            Base = Val<TimeSpan>(m, "base") ?? TimeSpan.Zero,
            PerMegapixel = Val<TimeSpan>(m, "per_megapixel") ?? TimeSpan.Zero,
            PerMegabyte = Val<TimeSpan>(m, "per_megabyte") ?? TimeSpan.Zero,
            Distribution = Enum(m, "distribution", ServiceDistribution.LogNormal),
            Cv = Val<double>(m, "cv") ?? 0.3,
            Concurrency = Int(m, "concurrency") ?? 1,
            TpsPerUnit = Val<double>(m, "tps_per_unit"),
        };

        if (service.TpsPerUnit is not { } tps)
        {
            if (m.Get("reference_image") is { } refNode)
            {
                Report(refNode, "service.reference_image", "service.reference_image is only used with service.tps_per_unit");
            }

            if (service.Base == TimeSpan.Zero && service.PerMegapixel == TimeSpan.Zero && service.PerMegabyte == TimeSpan.Zero && m.Get("base") is { } b)
            {
                Report(b, "service.base", "service has a mean service time of 0s; give base, per_megapixel, per_megabyte or tps_per_unit");
            }

            return service;
        }

        if (m.Find("base") is { } given && given.Value.Origin.Kind != OriginKind.Default)
        {
            Report(given.Value, "service.base", $"service.base ({Text(m, "base")}) and service.tps_per_unit are both given; base is solved from tps_per_unit, give one of them");
            return service;
        }

        YMapping? r = Map(m, "reference_image");
        ImageSpec reference = r is null
            ? (images.IsEmpty ? new ImageSpec { Width = 0, Height = 0, SizeMb = 0 } : images[0] with { Share = 1 })
            : new ImageSpec { Width = Int(r, "width") ?? 0, Height = Int(r, "height") ?? 0, SizeMb = Val<double>(r, "size") ?? 0 };
        double solvedS = (service.Concurrency / tps) - service.ImageTermsSeconds(reference);
        if (solvedS * TimeSpan.TicksPerSecond < 1)
        {
            Report(m.Get("tps_per_unit")!, "service.tps_per_unit", string.Create(CultureInfo.InvariantCulture, $"service.tps_per_unit ({Text(m, "tps_per_unit")}) is too high for per_megapixel and per_megabyte on the reference image: base would be {solvedS * 1000:0.###}ms"));
            return service with { ReferenceImage = reference };
        }

        if (solvedS > ScenarioLimits.MaxDuration.TotalSeconds)
        {
            Report(m.Get("tps_per_unit")!, "service.tps_per_unit", string.Create(CultureInfo.InvariantCulture, $"service.tps_per_unit ({Text(m, "tps_per_unit")}) is so low that base would be {solvedS:0.###e+0}s; durations are limited to 100 years (36525d)"));
            return service with { ReferenceImage = reference };
        }

        return service with { Base = TimeSpan.FromSeconds(solvedS), ReferenceImage = reference };
    }

    private EquatableArray<TrafficSource> Traffic(YSequence? seq, EquatableArray<ImageSpec> images, ClientSpec client)
    {
        if (seq is null)
        {
            return [];
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var list = new List<TrafficSource>();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (seq.Items[i] is not YMapping m)
            {
                continue;
            }

            string path = string.Create(CultureInfo.InvariantCulture, $"traffic[{i}]");
            string name = Str(m, "name") ?? string.Empty;
            if (name.Length > 0 && names.TryGetValue(name, out int first))
            {
                Report(m.Get("name")!, path + ".name", string.Create(CultureInfo.InvariantCulture, $"{path}.name ({name}) is already the name of traffic[{first}]; names must be unique"));
            }
            else
            {
                names[name] = i;
            }

            TrafficPattern pattern = Enum(m, "pattern", TrafficPattern.Poisson);
            EquatableArray<ImageSpec> own = images;
            ClosedJob? closed = null;
            YNode? imagesNode = m.Get("images");
            if (pattern == TrafficPattern.Closed)
            {
                if (imagesNode is YSequence)
                {
                    Report(imagesNode, path + ".images", $"{path}.images of a closed source is the number of images the job processes (e.g. 50000), not an image mix");
                }
                else if (imagesNode is null)
                {
                    Report(m, path + ".images", $"{path}.images is required for pattern closed; it is the number of images the job processes");
                }

                CronSchedule? cron = Cron(m, "cron", path + ".cron");
                TimeSpan? at = Offset(m, "at", path + ".at");
                if (m.Get("cron") is not null && m.Get("at") is { } atNode)
                {
                    Report(atNode, path + ".at", $"{path} gives both cron and at; a closed source starts by one of them");
                }

                closed = new ClosedJob
                {
                    Clients = Int(m, "clients") ?? 0,
                    Images = Val<long>(m, "images") ?? 0,
                    Think = Val<TimeSpan>(m, "think") ?? TimeSpan.Zero,
                    Cron = cron,
                    At = cron is null ? at ?? TimeSpan.Zero : null,
                };
            }
            else if (imagesNode is YScalar scalar)
            {
                Report(scalar, path + ".images", $"{path}.images ({scalar.Text}) is a count, which only a closed source takes; give an image mix (a list)");
            }
            else if (imagesNode is YSequence mix)
            {
                own = Images(mix, path + ".images");
            }

            list.Add(new TrafficSource
            {
                Name = name,
                Pattern = pattern,
                Rate = Val<double>(m, "rate") ?? 0,
                Profile = pattern == TrafficPattern.Daily ? Profile(m, path) : EquatableArray<double>.Empty,
                Shape = Enum(m, "shape", ProfileShape.Step),
                Weekdays = Weekdays(Map(m, "weekdays")),
                Steps = pattern == TrafficPattern.Steps ? Steps(m, path) : EquatableArray<RateStep>.Empty,
                Repeat = Val<TimeSpan>(m, "repeat"),
                Bursts = pattern == TrafficPattern.Bursty ? Bursts(m) : null,
                Trace = pattern == TrafficPattern.Trace ? Trace(m, path) : null,
                Closed = closed,
                Images = own,
                Client = Client(Map(m, "client"), client),
            });
        }

        return EquatableArray.From(list);
    }

    private EquatableArray<double> Profile(YMapping m, string path)
    {
        if (m.Get("profile") is not YSequence seq)
        {
            return EquatableArray.From(Enumerable.Repeat(1.0, 24));
        }

        var values = seq.Items.Select(n => n is YScalar { Value: double d } ? d : double.NaN).ToList();
        if (values.Count != 24 || values.Any(double.IsNaN))
        {
            return EquatableArray.From(Enumerable.Repeat(1.0, 24));
        }

        double mean = values.Average();
        if (mean <= 0)
        {
            Report(seq, path + ".profile", $"{path}.profile is all zero; the multipliers need a positive mean");
            return EquatableArray.From(values);
        }

        return EquatableArray.From(values.Select(v => v / mean));
    }

    private static WeekdayMultipliers Weekdays(YMapping? m) => new(
        Val<double>(m, "mon") ?? 1,
        Val<double>(m, "tue") ?? 1,
        Val<double>(m, "wed") ?? 1,
        Val<double>(m, "thu") ?? 1,
        Val<double>(m, "fri") ?? 1,
        Val<double>(m, "sat") ?? 1,
        Val<double>(m, "sun") ?? 1);

    private EquatableArray<RateStep> Steps(YMapping m, string path)
    {
        if (m.Get("steps") is not YSequence seq)
        {
            return [];
        }

        var steps = new List<RateStep>();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (seq.Items[i] is not YMapping s)
            {
                continue;
            }

            string stepPath = string.Create(CultureInfo.InvariantCulture, $"{path}.steps[{i}]");
            TimeSpan? at = Offset(s, "at", stepPath + ".at");
            if (at is null)
            {
                continue;
            }

            if (i == 0 && at != TimeSpan.Zero)
            {
                Report(s.Get("at")!, stepPath + ".at", $"{stepPath}.at ({Text(s, "at")}) should be 0h; the first step starts the pattern");
            }
            else if (steps.Count > 0 && at <= steps[^1].At)
            {
                Report(s.Get("at")!, stepPath + ".at", $"{stepPath}.at ({Text(s, "at")}) is not after the step before it; steps go forward in time");
            }

            steps.Add(new RateStep(at.Value, Val<double>(s, "rate") ?? 0));
        }

        if (Val<TimeSpan>(m, "repeat") is { } repeat && steps.Count > 0 && repeat <= steps[^1].At)
        {
            Report(m.Get("repeat")!, path + ".repeat", $"{path}.repeat ({Text(m, "repeat")}) is not after the last step; the period must hold every step");
        }

        return EquatableArray.From(steps);
    }

    private static BurstParameters? Bursts(YMapping m)
    {
        if (m.Get("rates") is not YSequence { Items: [YScalar { Value: double normal }, YScalar { Value: double burst }] }
            || m.Get("durations") is not YSequence { Items: [YScalar { Value: TimeSpan dn }, YScalar { Value: TimeSpan db }] })
        {
            return null;
        }

        return new BurstParameters(normal, burst, dn, db);
    }

    private TraceReplay? Trace(YMapping m, string path)
    {
        if (m.Get("file") is not YScalar { Value: string file } node)
        {
            return null;
        }

        string dir = baseDirectory ?? Directory.GetCurrentDirectory();
        string full = Path.GetFullPath(Path.Combine(dir, file));
        node.Canonical = full;
        string column = Str(m, "column") ?? "time_s";
        try
        {
            if (!File.Exists(full))
            {
                Report(node, path + ".file", $"{path}.file ({file}) does not exist (looked for {full})");
            }
            else
            {
                using var reader = new StreamReader(full);
                char[] buffer = new char[4096];
                int read = reader.ReadBlock(buffer, 0, buffer.Length);
                string head = new(buffer, 0, read);
                int nl = head.IndexOf('\n', StringComparison.Ordinal);
                string header = (nl >= 0 ? head[..nl] : head).Trim().TrimStart('\uFEFF');
                string[] columns = header.Split(',').Select(c => c.Trim().Trim('"')).ToArray();
                if (header.Length == 0)
                {
                    Report(node, path + ".file", $"{path}.file ({file}) is empty; a trace needs a header row and one row per call or interval");
                }
                else if (head.Contains('\0', StringComparison.Ordinal))
                {
                    Report(node, path + ".file", $"{path}.file ({file}) holds binary data (a NUL character): a trace is a text CSV file");
                }
                else if (!columns.Contains(column, StringComparer.Ordinal))
                {
                    YNode at = m.Get("column") is { Origin.Kind: not OriginKind.Default } given ? given : node;
                    string shown = string.Join(", ", columns.Take(10).Select(c => c.Length > 40 ? c[..40] + "…" : c)) + (columns.Length > 10 ? ", …" : "");
                    Report(at, path + ".column", $"{path}.column ({column}) is not a column of {file}; its columns are {shown}");
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Report(node, path + ".file", $"{path}.file ({file}) cannot be read: {ex.Message}");
        }

        return new TraceReplay
        {
            File = full,
            Column = column,
            Interval = Val<TimeSpan>(m, "interval") ?? TimeSpan.FromMinutes(1),
            Speed = Val<double>(m, "speed") ?? 1,
            Scale = Val<double>(m, "scale") ?? 1,
        };
    }

    private DeploymentSpec Deployment(YMapping? m)
    {
        var zones = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (m?.Get("zones") is YSequence zs)
        {
            for (int i = 0; i < zs.Items.Count; i++)
            {
                if (zs.Items[i] is YScalar { Value: string z } s)
                {
                    if (!seen.Add(z))
                    {
                        Report(s, string.Create(CultureInfo.InvariantCulture, $"deployment.zones[{i}]"), string.Create(CultureInfo.InvariantCulture, $"deployment.zones[{i}] ({z}) is listed twice; zone names must be unique"));
                    }
                    else
                    {
                        zones.Add(z);
                    }
                }
            }
        }

        int min = Int(m, "min_units") ?? 1;
        int max = Int(m, "max_units") ?? min;
        if (m is not null && Int(m, "min_units") is not null && Int(m, "max_units") is not null && max < min)
        {
            Report(m.Get("max_units")!, "deployment.max_units", string.Create(CultureInfo.InvariantCulture, $"deployment.max_units ({max}) is below deployment.min_units ({min})"));
        }

        return new DeploymentSpec
        {
            Zones = EquatableArray.From(zones),
            MinUnits = min,
            MaxUnits = max,
            Routing = Enum(m, "routing", RoutingPolicy.LeastOutstanding),
            Admission = Enum(m, "admission", AdmissionPolicy.Queue),
            QueuePerUnit = Int(m, "queue_per_unit") ?? 8,
            Burst = Val<TimeSpan>(m, "burst") ?? TimeSpan.FromSeconds(1),
            ThrottleLatency = Val<TimeSpan>(m, "throttle_latency") ?? TimeSpan.FromMilliseconds(5),
            ModelStart = Val<DurationRange>(m, "model_start") ?? new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20)),
            UnitStart = Val<DurationRange>(m, "unit_start") ?? new(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8)),
            IncludeModelStart = Val<bool>(m, "include_model_start") ?? false,
        };
    }

    private static AutoscalingSpec Autoscaling(YMapping? m) => new()
    {
        Metric = Enum(m, "metric", ScalingMetric.Utilization),
        Target = Val<double>(m, "target") ?? 0.7,
        Evaluation = Val<TimeSpan>(m, "evaluation") ?? TimeSpan.FromMinutes(1),
        ScaleOutCooldown = Val<TimeSpan>(m, "scale_out_cooldown") ?? TimeSpan.FromMinutes(2),
        ScaleInCooldown = Val<TimeSpan>(m, "scale_in_cooldown") ?? TimeSpan.FromMinutes(15),
        ScaleInStep = Int(m, "scale_in_step") ?? 1,
        Rebalance = Val<bool>(m, "rebalance") ?? false,
        CountLostUnits = Val<bool>(m, "count_lost_units") ?? false,
    };

    private FailuresSpec Failures(YMapping? m, HashSet<string> zones)
    {
        var outages = new List<ZoneOutage>();
        var listedOutages = new List<(int Index, YMapping Node, ZoneOutage Outage)>();
        if (m?.Get("zone_outages") is YSequence seq)
        {
            for (int i = 0; i < seq.Items.Count; i++)
            {
                if (seq.Items[i] is not YMapping o)
                {
                    continue;
                }

                string path = string.Create(CultureInfo.InvariantCulture, $"failures.zone_outages[{i}]");
                string? zoneName = Str(o, "zone");
                bool listed = o.Get("at") is not null;
                bool random = o.Get("every") is not null;
                if (listed && random)
                {
                    Report(o.Get("every")!, path + ".every", $"{path} gives both at (a listed outage) and every (random outages); give one");
                }
                else if (!listed && !random)
                {
                    Report(o, path, $"{path} needs at (with zone, for a listed outage) or every (for random outages)");
                }
                else if (listed && zoneName is null && o.Get("zone") is null)
                {
                    Report(o, path + ".zone", $"{path}.zone is required for a listed outage (one with at)");
                }

                if (zoneName is not null && zones.Count > 0 && !zones.Contains(zoneName))
                {
                    // Bounded: a list of zones over its limit (already an error) is neither searched nor listed.
                    bool few = zones.Count <= MaxListedZones && diagnostics.Count < SchemaValidator.SuggestionBudget;
                    string? near = few ? Levenshtein.Nearest(zoneName, zones) : null;
                    string hint = near is not null ? $"; did you mean {near}?" : few ? "; the deployment's zones are " + string.Join(", ", zones) : string.Empty;
                    Report(o.Get("zone")!, path + ".zone", $"{path}.zone ({zoneName}) is not a zone of the deployment{hint}");
                }

                var outage = new ZoneOutage
                {
                    Zone = zoneName,
                    At = listed ? Offset(o, "at", path + ".at") : null,
                    Every = random && !listed ? Val<TimeSpan>(o, "every") : null,
                    Duration = Val<DurationRange>(o, "duration") ?? default,
                };
                outages.Add(outage);
                if (listed && outage.At is not null && zoneName is not null)
                {
                    listedOutages.Add((i, o, outage));
                }
            }
        }

        WarnOverlaps(listedOutages);

        return new FailuresSpec
        {
            UnitMtbf = Val<TimeSpan>(m, "unit_mtbf"),
            UnitFailureShape = Val<double>(m, "unit_failure_shape") ?? 1,
            UnitReplacementDelay = Val<TimeSpan>(m, "unit_replacement_delay") ?? TimeSpan.FromMinutes(1),
            ZoneOutages = EquatableArray.From(outages),
        };
    }

    /// <summary>
    /// Listed outages of one zone that overlap (by their mean duration, as they are simulated) are
    /// one longer outage; a warning names both, since two entries were probably meant apart.
    /// </summary>
    private void WarnOverlaps(List<(int Index, YMapping Node, ZoneOutage Outage)> listed)
    {
        // Sorted by zone and start, one pass: each outage is compared with the one of its zone that ends last so far.
        var sorted = listed.OrderBy(l => l.Outage.Zone, StringComparer.Ordinal).ThenBy(l => l.Outage.At).ThenBy(l => l.Index).ToList();
        for (int k = 1, latest = 0; k < sorted.Count; k++)
        {
            var (index, node, outage) = sorted[k];
            var previous = sorted[latest];
            if (previous.Outage.Zone != outage.Zone)
            {
                latest = k;
                continue;
            }

            TimeSpan previousEnd = previous.Outage.At!.Value + previous.Outage.Duration.Mean;
            TimeSpan end = outage.At!.Value + outage.Duration.Mean;
            if (outage.At.Value < previousEnd)
            {
                static string F(TimeSpan t) => ScenarioValues.FormatDuration(t);
                string path = string.Create(CultureInfo.InvariantCulture, $"failures.zone_outages[{index}]");
                string other = string.Create(CultureInfo.InvariantCulture, $"failures.zone_outages[{previous.Index}]");
                string line = previous.Node.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"line {previous.Node.Line}: ") : string.Empty;
                TimeSpan merged = end > previousEnd ? end : previousEnd;
                YNode at = node.Get("at") ?? node;
                string message = $"{path} (zone {outage.Zone} from {F(outage.At.Value)} for {F(outage.Duration.Mean)}) overlaps {other} ({line}from {F(previous.Outage.At.Value)} for {F(previous.Outage.Duration.Mean)}); they make one outage, from {F(previous.Outage.At.Value)} to {F(merged)}";
                diagnostics.Add(SchemaValidator.At(at, path, message, (at as YScalar)?.Text) with { Severity = DiagnosticSeverity.Warning });
            }

            if (end > previousEnd)
            {
                latest = k;
            }
        }
    }

    /// <summary>
    /// Warns when <c>deployment.min_units</c> or <c>max_units</c> was given by <c>--set</c> or a sweep
    /// while a schedule entry sets the same bound: from that entry's first firing the entry's value
    /// applies, so the override has little or no effect. Not when the entry's bound is itself set by
    /// <c>--set</c> (as in the line <c>plan</c> prints): both were chosen together.
    /// </summary>
    private void WarnScheduleOverrides(YMapping root)
    {
        if (root.Get("schedule") is not YSequence seq || root.Get("deployment") is not YMapping deployment)
        {
            return;
        }

        foreach (string bound in (string[])["min_units", "max_units"])
        {
            if (deployment.Get(bound) is not YScalar given || given.Origin.Kind is not (OriginKind.Override or OriginKind.Sweep))
            {
                continue;
            }

            for (int i = 0; i < seq.Items.Count; i++)
            {
                if (seq.Items[i] is YMapping e && e.Get(bound) is YScalar entry && entry.Origin.Kind != OriginKind.Override)
                {
                    string by = given.Origin.Kind == OriginKind.Override ? "--set" : given.Origin.Describe();
                    string where = entry.Line > 0
                        ? string.Create(CultureInfo.InvariantCulture, $"{entry.Origin.Source}:{entry.Line}:{entry.Column}")
                        : entry.Origin.Source;
                    diagnostics.Add(SchemaValidator.At(
                        given,
                        "deployment." + bound,
                        $"deployment.{bound} ({SchemaValidator.Shorten(given.Text)}, from {by}) is replaced by schedule[{i.ToString(CultureInfo.InvariantCulture)}].{bound} ({SchemaValidator.Shorten(entry.Text)}, at {where}) from the entry's first firing; set schedule[{i.ToString(CultureInfo.InvariantCulture)}].{bound} instead",
                        given.Text) with { Severity = DiagnosticSeverity.Warning });
                    break;
                }
            }
        }
    }

    private EquatableArray<ScheduleEntry> Schedule(YSequence? seq, DeploymentSpec deployment)
    {
        if (seq is null)
        {
            return [];
        }

        var list = new List<ScheduleEntry>();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (seq.Items[i] is not YMapping e)
            {
                continue;
            }

            string path = string.Create(CultureInfo.InvariantCulture, $"schedule[{i}]");
            bool hasCron = e.Get("cron") is not null;
            bool hasAt = e.Get("at") is not null;
            if (hasCron == hasAt)
            {
                Report(e, path, hasCron ? $"{path} gives both cron and at; give one" : $"{path} needs cron (a repeating time) or at (one offset)");
            }

            ScheduleAction action = Enum(e, "action", ScheduleAction.Start);
            int? min = Int(e, "min_units");
            int? max = Int(e, "max_units");
            if (action == ScheduleAction.Stop && (e.Get("min_units") ?? e.Get("max_units")) is { } unitsNode)
            {
                Report(unitsNode, path, $"{path} stops the model; min_units and max_units only go with action: start");
            }

            int effectiveMin = min ?? deployment.MinUnits;
            int effectiveMax = max ?? Math.Max(deployment.MaxUnits, effectiveMin);
            if (effectiveMax < effectiveMin && (e.Get("max_units") ?? e.Get("min_units")) is { } bad)
            {
                Report(bad, path + ".max_units", string.Create(CultureInfo.InvariantCulture, $"{path}.max_units ({effectiveMax}) is below {path}.min_units ({effectiveMin})"));
            }

            list.Add(new ScheduleEntry
            {
                Cron = Cron(e, "cron", path + ".cron"),
                At = Offset(e, "at", path + ".at"),
                Action = action,
                MinUnits = min,
                MaxUnits = max,
            });
        }

        return EquatableArray.From(list);
    }

    private static BillingSpec Billing(YMapping? m) => new()
    {
        PricePerUnitHour = Val<decimal>(m, "price_per_unit_hour") ?? 4.00m,
        Currency = Str(m, "currency") ?? "USD",
        Granularity = Val<TimeSpan>(m, "granularity") ?? TimeSpan.FromMinutes(1),
        Basis = Enum(m, "basis", BillingBasis.Desired),
    };

    private static SloSpec Slo(YMapping? m) => new()
    {
        LatencyP99 = Val<TimeSpan>(m, "latency_p99"),
        MaxFailed = Val<double>(m, "max_failed"),
        Availability = Val<double>(m, "availability"),
    };

    private SweepSpec? Sweep(YMapping? m)
    {
        if (m is null)
        {
            return null;
        }

        var parameters = new List<SweepParameter>();
        int? length = null;
        SweepMode mode = Enum(m, "mode", SweepMode.Cartesian);
        foreach (YEntry e in m.Entries)
        {
            if (e.Key.Text == "mode" || e.Value is not YSequence values)
            {
                continue;
            }

            var texts = values.Items.OfType<YScalar>().Select(s => s.Text).ToList();
            if (mode == SweepMode.Zip && length is { } n && n != texts.Count)
            {
                Report(values, "sweep." + e.Key.Text, string.Create(CultureInfo.InvariantCulture, $"sweep.{e.Key.Text} has {texts.Count} values but the lists before it have {n}; with mode: zip every list has the same length"));
            }

            length ??= texts.Count;
            parameters.Add(new SweepParameter { Path = e.Key.Text, Values = EquatableArray.From(texts) });
        }

        if (parameters.Count == 0)
        {
            Report(m, "sweep", "sweep names no field; map field paths to lists of values, e.g. deployment.min_units: [1, 2, 3]");
        }

        return new SweepSpec { Mode = mode, Parameters = EquatableArray.From(parameters) };
    }
}
