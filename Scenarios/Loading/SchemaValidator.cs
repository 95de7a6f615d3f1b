using System.Globalization;
using Cronos;
using LookoutSim.Scenarios.Schema;
using LookoutSim.Scenarios.Yaml;

namespace LookoutSim.Scenarios.Loading;

/// <summary>
/// Checks a tree against <see cref="ScenarioSchema"/>: unknown keys (with the nearest known key),
/// wrong types, values out of range, missing required keys. Stores each scalar's parsed value on
/// it and fills in defaults (origin <c>default</c>). Collects every problem.
/// </summary>
internal sealed class SchemaValidator(List<Diagnostic> diagnostics)
{
    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public void Validate(YNode node, SchemaNode schema, string path, string? pattern = null)
    {
        switch (schema.Kind)
        {
            case ValueKind.Object:
                ValidateObject(node, schema, path, pattern);
                break;
            case ValueKind.List:
                ValidateList(node, schema, path);
                break;
            case ValueKind.Union:
                ValidateUnion(node, schema, path);
                break;
            case ValueKind.Sweep:
                ValidateSweep(node, schema, path);
                break;
            case ValueKind.Uncertainty:
                // Checked against the resolved values by UncertaintyReader.
                break;
            default:
                ValidateScalar(node, schema, path);
                break;
        }
    }

    /// <summary>
    /// The nearest of <paramref name="candidates"/> to <paramref name="seen"/> for a "did you mean",
    /// while few problems have been found: past <see cref="SuggestionBudget"/> diagnostics none are
    /// listed any more (see <see cref="ScenarioLimits.MaxListedErrors"/>), so none is looked for.
    /// </summary>
    public string? Suggest(string seen, IEnumerable<string> candidates) =>
        diagnostics.Count < SuggestionBudget ? Levenshtein.Nearest(seen, candidates) : null;

    /// <summary>Diagnostics after which no suggestion is looked for.</summary>
    internal const int SuggestionBudget = 1000;

    /// <summary>Reports a problem at <paramref name="at"/>.</summary>
    public void Report(YNode at, string path, string message, string? value = null) => diagnostics.Add(At(at, path, message, value));

    public static Diagnostic At(YNode at, string path, string message, string? value) => new()
    {
        File = at.Origin.Source,
        Line = at.Line,
        Column = at.Column,
        Path = path,
        Message = message,
        Value = value,
    };

    private static string Describe(YNode node) => node switch
    {
        YMapping => "a mapping",
        YSequence => "a list",
        YScalar s => "'" + Shorten(s.Text) + "'",
        _ => "a value",
    };

    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private void ValidateObject(YNode node, SchemaNode schema, string path, string? pattern)
    {
        if (node is not YMapping map)
        {
            Report(node, path, $"{Label(path)} should be {schema.Expected}, found {Describe(node)}", (node as YScalar)?.Text);
            return;
        }

        if (path.StartsWith("traffic[", StringComparison.Ordinal) && !path.Contains('.', StringComparison.Ordinal))
        {
            pattern = map.Get("pattern") is YScalar p ? p.Text : null;
        }

        // Null values mean "not given".
        // A required key written with nothing under it (`traffic:`) is reported at that key, as empty.
        Dictionary<string, YEntry>? emptied = null;
        map.Entries.RemoveAll(e =>
        {
            bool drop = e.Value is YScalar { IsNull: true } && schema.Field(e.Key.Text) is { } f && (f.Node.Kind != ValueKind.String || !f.Required);
            if (drop)
            {
                (emptied ??= new(StringComparer.Ordinal))[e.Key.Text] = e;
            }

            return drop;
        });

        // Entries that are refused are dropped after the pass: removing each from the list at once
        // would cost a pass over the list per unknown key (quadratic in a file of many keys).
        HashSet<YEntry>? dropped = null;
        List<string>? candidates = null;
        LoadWork.Add(map.Entries.Count);
        foreach (YEntry entry in map.Entries)
        {
            string key = entry.Key.Text;
            string childPath = Join(path, key);
            SchemaField? field = schema.Field(key);
            if (field is null)
            {
                candidates ??= schema.Fields.Where(f => pattern is null || f.Patterns.IsEmpty || f.Patterns.Contains(pattern)).Select(f => f.Key).ToList();
                string? near = Suggest(key, candidates);
                string hint = near is not null ? $"did you mean {near}?"
                    : diagnostics.Count < SuggestionBudget ? "known keys: " + string.Join(", ", candidates)
                    : "see lookoutsim schema for the known keys";
                Report(entry.Key, childPath, $"{childPath} is not a known key; {hint}", key);
                (dropped ??= []).Add(entry);
                continue;
            }

            if (pattern is not null && !field.Patterns.IsEmpty && !field.Patterns.Contains(pattern) && ScenarioSchema.Patterns.Contains(pattern))
            {
                Report(entry.Key, childPath, $"{childPath} is not used by pattern {pattern}; it belongs to pattern {string.Join(" or ", field.Patterns)}", key);
                (dropped ??= []).Add(entry);
                continue;
            }

            Validate(entry.Value, field.Node, childPath, pattern);
        }

        if (dropped is not null)
        {
            LoadWork.Add(map.Entries.Count);
            map.Entries.RemoveAll(dropped.Contains);
        }

        foreach (SchemaField field in schema.Fields)
        {
            if (map.Find(field.Key) is not null)
            {
                continue;
            }

            bool applies = pattern is null || field.Patterns.IsEmpty || field.Patterns.Contains(pattern);
            if (!applies)
            {
                continue;
            }

            string childPath = Join(path, field.Key);
            if (field.Required || (pattern is not null && field.RequiredFor.Contains(pattern)))
            {
                string why = pattern is not null && !field.Required ? $" for pattern {pattern}" : string.Empty;
                if (emptied?.GetValueOrDefault(field.Key) is { } empty)
                {
                    Report(empty.Key, childPath, $"{childPath} is empty (nothing is written under it){why}; it should be {field.Node.Expected}");
                    continue;
                }

                if (field.Node.Kind == ValueKind.Object && !field.Required)
                {
                    continue;
                }

                if (field.Node.Kind == ValueKind.Object)
                {
                    // A missing required section: report its required keys, as a planner would add them.
                    var missing = field.Node.Fields.Where(f => f.Required).Select(f => Join(childPath, f.Key)).ToList();
                    Report(map, childPath, missing.Count > 0
                        ? $"{childPath} is required (with {string.Join(", ", missing)})"
                        : $"{childPath} is required");
                    continue;
                }

                Report(map, childPath, $"{childPath} is required{why}; it should be {field.Node.Expected}");
                continue;
            }

            YNode? fill = DefaultFor(field, map);
            if (fill is not null)
            {
                map.Entries.Add(new YEntry(new YScalar(field.Key, false, Origin.Default, 0, 0), fill));
                Validate(fill, field.Node, childPath, pattern);
            }
            else if (field.CreateWhenAbsent)
            {
                var section = new YMapping(Origin.Default, map.Line, map.Column);
                map.Entries.Add(new YEntry(new YScalar(field.Key, false, Origin.Default, 0, 0), section));
                Validate(section, field.Node, childPath, pattern);
            }
        }
    }

    private static YNode? DefaultFor(SchemaField field, YMapping parent)
    {
        if (field.DefaultUnlessSibling is { } unless && parent.Find(unless) is not null)
        {
            return null;
        }

        if (field.DefaultFromSibling is { } from)
        {
            return parent.Get(from) is YScalar sibling ? new YScalar(sibling.Text, sibling.Quoted, Origin.Default, 0, 0) : null;
        }

        if (field.Default is null)
        {
            return null;
        }

        YNode node = ParseDefault(field.Default);
        node.Restamp(Origin.Default, 0, 0);
        return node;
    }

    internal static YNode ParseDefault(string yaml)
    {
        var scratch = new List<Diagnostic>();
        return YamlTreeReader.Read(yaml, "default", Origin.Default, scratch)
            ?? throw new InvalidOperationException("bad built-in default: " + yaml);
    }

    private void ValidateList(YNode node, SchemaNode schema, string path)
    {
        if (node is not YSequence seq)
        {
            Report(node, path, $"{Label(path)} should be {schema.Expected}, found {Describe(node)}", (node as YScalar)?.Text);
            return;
        }

        if (schema.MinItems is { } min && seq.Items.Count < min)
        {
            Report(seq, path, string.Create(CultureInfo.InvariantCulture, $"{Label(path)} has {seq.Items.Count} item(s); it needs {(schema.MaxItems == min ? "exactly" : "at least")} {min}"));
        }
        else if (schema.MaxItems is { } max && seq.Items.Count > max)
        {
            Report(seq, path, string.Create(CultureInfo.InvariantCulture, $"{Label(path)} has {seq.Items.Count} items; it takes {(schema.MinItems == max ? "exactly" : "at most")} {max}"));
        }

        for (int i = 0; i < seq.Items.Count; i++)
        {
            Validate(seq.Items[i], schema.Item!, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"));
        }
    }

    private void ValidateUnion(YNode node, SchemaNode schema, string path)
    {
        SchemaNode? pick = node switch
        {
            YMapping => schema.Alternatives.FirstOrDefault(a => a.Kind == ValueKind.Object),
            YSequence => schema.Alternatives.FirstOrDefault(a => a.Kind == ValueKind.List),
            _ => schema.Alternatives.FirstOrDefault(a => a.IsScalar),
        };
        if (pick is null)
        {
            Report(node, path, $"{Label(path)} should be {schema.Expected}, found {Describe(node)}", (node as YScalar)?.Text);
            return;
        }

        Validate(node, pick, path);
    }

    private void ValidateSweep(YNode node, SchemaNode schema, string path)
    {
        if (node is not YMapping map)
        {
            Report(node, path, $"{path} should be a mapping of field paths to lists of values, found {Describe(node)}", (node as YScalar)?.Text);
            return;
        }

        foreach (YEntry entry in map.Entries)
        {
            string key = entry.Key.Text;
            if (key == "mode")
            {
                Validate(entry.Value, schema.Field("mode")!.Node, Join(path, key));
                continue;
            }

            string sweepPath = Join(path, key);
            SchemaNode? target = ResolvePath(entry.Key, key, sweepPath);
            if (target is null)
            {
                continue;
            }

            if (entry.Value is not YSequence values || values.Items.Count == 0)
            {
                Report(entry.Value, sweepPath, $"{sweepPath} should be a non-empty list of values for {key}", (entry.Value as YScalar)?.Text);
                continue;
            }

            for (int i = 0; i < values.Items.Count; i++)
            {
                YNode item = values.Items[i];
                string itemPath = string.Create(CultureInfo.InvariantCulture, $"{sweepPath}[{i}]");
                if (item is not YScalar)
                {
                    Report(item, itemPath, $"{itemPath} should be a single value; sweeps take scalar values", null);
                    continue;
                }

                Validate(item.Clone(), target, itemPath);
            }
        }
    }

    /// <summary>The schema node of a field path, reporting an unknown path at <paramref name="at"/>.</summary>
    public SchemaNode? ResolvePath(YNode at, string fieldPath, string reportPath)
    {
        if (!PathSegment.TryParse(fieldPath, out List<PathSegment> segments))
        {
            Report(at, reportPath, $"{reportPath}: '{fieldPath}' is not a field path; write e.g. deployment.min_units or traffic[0].rate", fieldPath);
            return null;
        }

        SchemaNode? target = ScenarioSchema.Resolve(segments, out string? unknown, out IEnumerable<string> known);
        if (target is null)
        {
            string? near = unknown is null ? null : Suggest(unknown, known);
            string hint = near is null ? string.Empty : $"; did you mean {near}?";
            Report(at, reportPath, $"{reportPath} names no field: {unknown} is not a known key{hint}", fieldPath);
            return null;
        }

        return target;
    }

    private static string Label(string path) => path.Length == 0 ? "the scenario" : path;

    private void ValidateScalar(YNode node, SchemaNode schema, string path)
    {
        if (node is not YScalar s)
        {
            Report(node, path, $"{Label(path)} should be {schema.Expected}, found {Describe(node)}");
            return;
        }

        string text = s.Text;
        string shown = Shorten(text);
        string error = string.Empty;
        object? value = null;
        bool ok;
        switch (schema.Kind)
        {
            case ValueKind.String:
                ok = schema.AllowEmpty || text.Trim().Length > 0;
                error = "is empty";
                value = text;
                if (ok)
                {
                    ok = schema.TextRule == TextRule.FreeText
                        ? ScenarioValues.TryParseFreeText(text, out error)
                        : ScenarioValues.TryParseName(text, schema.TextRule == TextRule.FolderName, out error);
                }

                break;
            case ValueKind.Path:
                ok = text.Trim().Length > 0;
                error = "is empty; name a file";
                value = text;
                break;
            case ValueKind.Integer:
                {
                    bool parsed = ScenarioValues.TryParseInteger(text, out long l, out error);
                    ok = !s.Quoted && parsed && InRange(l, schema, out error) && Set(out value, l);
                    if (!parsed && l is long.MaxValue or long.MinValue && !InRange(l, schema, out string range))
                    {
                        error = range; // beyond 64 bits: say the field's own limit
                    }
                }

                break;
            case ValueKind.Number:
                ok = !s.Quoted && ScenarioValues.TryParseNumber(text, out double d, out error) && InRange(d, schema, out error) && Set(out value, d);
                break;
            case ValueKind.Money:
                ok = !s.Quoted && ScenarioValues.TryParseMoney(text, out decimal money, out error) && Set(out value, money);
                break;
            case ValueKind.Bool:
                ok = !s.Quoted && text is "true" or "false" or "True" or "False" or "TRUE" or "FALSE";
                value = ok && text.Equals("true", StringComparison.OrdinalIgnoreCase);
                error = "is not true or false";
                break;
            case ValueKind.Duration:
                ok = ScenarioValues.TryParseDuration(text, out TimeSpan t, out error) && InRange(t.TotalSeconds, schema, out error, ScenarioValues.FormatDuration) && Set(out value, t);
                break;
            case ValueKind.DurationRange:
                ok = ScenarioValues.TryParseDurationRange(text, out DurationRange r, out error) && Set(out value, r);
                break;
            case ValueKind.Offset:
                ok = ScenarioValues.TryParseOffsetShape(text, out OffsetValue o, out error) && Set(out value, o);
                break;
            case ValueKind.Rate:
                ok = ScenarioValues.TryParseRate(text, out double rate, out error) && Set(out value, rate);
                break;
            case ValueKind.Size:
                ok = ScenarioValues.TryParseSize(text, out double mb, out error) && Set(out value, mb);
                break;
            case ValueKind.Share:
                ok = ScenarioValues.TryParseShare(text, out double share, out error) && InRange(share, schema, out error) && Set(out value, share);
                break;
            case ValueKind.Timestamp:
                ok = ScenarioValues.TryParseTimestamp(text, out DateTimeOffset ts, out error) && Set(out value, ts);
                break;
            case ValueKind.TimeZone:
                ok = TryTimeZone(text.Trim(), out TimeZoneInfo? zone) && Set(out value, zone!);
                error = "is not a known time zone; write an IANA id such as UTC or Europe/Berlin";
                break;
            case ValueKind.Cron:
                ok = TryCron(text, out CronExpression? cron, out error) && Set(out value, cron!);
                break;
            case ValueKind.QuotaTokens:
                if (!s.Quoted && text.Trim() == "off")
                {
                    ok = true;
                    value = -1L;
                }
                else
                {
                    ok = !s.Quoted && ScenarioValues.TryParseInteger(text, out long q, out _) && q >= 0 && q <= 1_000_000 && Set(out value, q);
                    error = "is not a number of tokens (0..1000000) or off";
                }

                break;
            case ValueKind.Enum:
                ok = schema.EnumValues.Contains(text);
                value = text;
                if (!ok)
                {
                    string? near = Suggest(text, schema.EnumValues);
                    error = near is null
                        ? "is not one of " + string.Join(", ", schema.EnumValues)
                        : $"is not one of {string.Join(", ", schema.EnumValues)}; did you mean {near}?";
                }

                break;
            default:
                ok = false;
                break;
        }

        if (ok)
        {
            s.Value = value;
        }
        else
        {
            if ((schema.Kind is ValueKind.Integer or ValueKind.Number or ValueKind.Money or ValueKind.Bool or ValueKind.QuotaTokens) && s.Quoted)
            {
                error = $"is quoted text; write {schema.Expected} without quotes";
            }

            Report(s, path, $"{Label(path)} ({shown}) {error}", text);
        }
    }

    private static bool Set<T>(out object? slot, T value)
    {
        slot = value;
        return true;
    }

    private static bool InRange(double v, SchemaNode schema, out string error, Func<TimeSpan, string>? format = null)
    {
        error = string.Empty;
        string F(double x) => format is null ? x.ToString("0.###", CultureInfo.InvariantCulture) : format(TimeSpan.FromSeconds(x));
        if (schema.Min is { } min && (v < min || (schema.MinExclusive && v <= min)))
        {
            error = schema.MinExclusive ? $"must be more than {F(min)}" : $"is below the least allowed, {F(min)}";
            return false;
        }

        if (schema.Kind == ValueKind.Number && schema.MinExclusive && schema.Min == 0 && v < ScenarioLimits.MinPositiveNumber)
        {
            error = $"is too small; the least allowed is {ScenarioLimits.Show(ScenarioLimits.MinPositiveNumber)}";
            return false;
        }

        if (schema.Max is { } max && v > max)
        {
            error = $"is above the most allowed, {F(max)}";
            return false;
        }

        return true;
    }

    private static bool InRange(long v, SchemaNode schema, out string error) => InRange((double)v, schema, out error);

    private static bool TryTimeZone(string id, out TimeZoneInfo? zone)
    {
        zone = null;
        if (id.Length == 0 || id.Length > 64)
        {
            return false;
        }

        if (id is "UTC" or "Z" or "Etc/UTC")
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    private static bool TryCron(string text, out CronExpression? cron, out string error)
    {
        cron = null;
        error = string.Empty;
        int fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields != 5)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"has {fields} fields; a cron expression has 5: minute hour day-of-month month day-of-week, e.g. \"0 6 * * MON-FRI\"");
            return false;
        }

        try
        {
            cron = CronExpression.Parse(text.Trim(), CronFormat.Standard);
            return true;
        }
        catch (CronFormatException ex)
        {
            error = "is not a cron expression (" + ex.Message.TrimEnd('.') + "); write 5 fields, e.g. \"0 6 * * MON-FRI\"";
            return false;
        }
    }
}
