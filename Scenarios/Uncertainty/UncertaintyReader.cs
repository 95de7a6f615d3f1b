using System.Globalization;
using LookoutSim.Scenarios.Schema;
using LookoutSim.Scenarios.Yaml;

namespace LookoutSim.Scenarios.Loading;

/// <summary>
/// Reads the resolved <c>uncertainty:</c> section (the file's entries, then the preset's, which
/// <see cref="ScenarioLoader"/> put in the tree with origin preset) into an
/// <see cref="UncertaintySpec"/>, checking every entry: the path names a field (did you mean …),
/// the field can vary, the value is a range <c>low..high</c>, a list or <c>±share</c> of the
/// field's kind, the range is not inverted, and the field has a value to vary.
/// </summary>
internal sealed class UncertaintyReader(List<Diagnostic> diagnostics)
{
    /// <summary>Top-level keys that set up the experiment rather than describe the system.</summary>
    private static readonly HashSet<string> ExperimentKeys =
        ["name", "description", "provider", "seed", "start", "timezone", "horizon", "warmup", "replications", "interval", "schedule", "sweep", "uncertainty"];

    private readonly SchemaValidator validator = new(diagnostics);

    public UncertaintySpec Read(YMapping root)
    {
        YNode? section = root.Get("uncertainty");
        if (section is null || section is YScalar { IsNull: true })
        {
            return UncertaintySpec.Empty;
        }

        if (section is YScalar { Text: "none", Quoted: false })
        {
            return UncertaintySpec.Empty;
        }

        if (section is not YMapping map)
        {
            validator.Report(section, "uncertainty", "uncertainty should be a mapping of field paths to ranges (service.base: 40ms..60ms), lists ([60%, 70%]) or ±shares (±20%), or none", (section as YScalar)?.Text);
            return UncertaintySpec.Empty;
        }

        var fields = new List<UncertainField>();
        var unused = new List<YEntry>();
        foreach (YEntry e in map.Entries)
        {
            bool preset = e.Key.Origin.Kind == OriginKind.Preset;
            string source = preset ? PresetSource(root, e.Key.Text) : Position(e.Key);
            UncertainField? f = ReadEntry(root, e.Key, e.Value, preset, source, out bool absent);
            if (f is not null)
            {
                fields.Add(f);
            }
            else if (preset && absent)
            {
                unused.Add(e);
            }
        }

        // A preset range on a field this scenario does not have (service.base when the base is
        // solved from tps_per_unit) is dropped, also from the resolved scenario.
        map.Entries.RemoveAll(unused.Contains);
        return new UncertaintySpec { Fields = EquatableArray.From(fields) };
    }

    private static string Position(YScalar key) =>
        key.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{key.Origin.Source}:{key.Line}:{key.Column}") : key.Origin.Describe();

    private static string PresetSource(YMapping root, string path) =>
        root.Get("provider") is YScalar { Text: { } name } && ProviderPresets.Find(name) is { } preset
            && preset.Uncertainty.FirstOrDefault(r => r.Path == path) is { } r ? r.Source : "assumption";

    private UncertainField? ReadEntry(YMapping root, YScalar key, YNode value, bool preset, string source, out bool absent)
    {
        absent = false;
        string fieldPath = key.Text;
        string at = "uncertainty." + fieldPath;
        SchemaNode? target = validator.ResolvePath(key, fieldPath, at);
        if (target is null || !PathSegment.TryParse(fieldPath, out List<PathSegment> segments))
        {
            return null;
        }

        if (CannotVary(segments, target) is { } why)
        {
            validator.Report(key, at, $"{at}: {fieldPath} cannot vary: {why}", fieldPath);
            return null;
        }

        if (Overrides.Find(root, segments) is not YScalar nominalNode)
        {
            absent = true;
            if (!preset)
            {
                string hint = segments[^1].Key == "base" && segments[0].Key == "service"
                    ? " (the base is solved from service.tps_per_unit; vary that instead)"
                    : " (give it a value in its section, or remove this entry)";
                validator.Report(key, at, $"{at}: {fieldPath} has no value in this scenario to vary{hint}", fieldPath);
            }

            return null;
        }

        string nominal = nominalNode.Canonical ?? nominalNode.Text;
        UncertainKind kind = KindOf(target);
        bool rangeField = target.Kind == ValueKind.DurationRange;
        SchemaNode endSchema = rangeField ? target with { Kind = ValueKind.Duration } : target;

        if (value is YSequence list)
        {
            return ReadList(list, target, at, fieldPath, nominal, kind, source, preset);
        }

        if (value is not YScalar s || s.IsNull)
        {
            validator.Report(value, at, $"{at} should be a range low..high, a list [a, b, …] or ±share (e.g. ±20%), found {(value is YMapping ? "a mapping" : "nothing")}");
            return null;
        }

        string text = s.Text.Trim();
        string low;
        string high;
        if (text.StartsWith('±') || text.StartsWith("+-", StringComparison.Ordinal))
        {
            if (kind is UncertainKind.Choice or UncertainKind.Share || rangeField)
            {
                validator.Report(s, at, $"{at} ({text}): a ±share applies to numbers, durations, rates, sizes and amounts; write {fieldPath}'s range as low..high", text);
                return null;
            }

            string shareText = text[(text[0] == '±' ? 1 : 2)..].Trim();
            if (!ScenarioValues.TryParseShare(shareText, out double share, out _) || share <= 0 || share >= 1 || !shareText.EndsWith('%'))
            {
                validator.Report(s, at, $"{at} ({text}) is not a ±share; write e.g. ±20% (more than 0%, less than 100%)", text);
                return null;
            }

            if (!UncertainValues.TryMagnitude(kind, nominal, out double mid))
            {
                validator.Report(s, at, $"{at} ({text}): {fieldPath} ({nominal}) has no single value to take a share of; write a range low..high", text);
                return null;
            }

            low = UncertainValues.Format(kind, mid * (1 - share));
            high = UncertainValues.Format(kind, mid * (1 + share));
        }
        else if (text.IndexOf("..", StringComparison.Ordinal) is int dots and > 0)
        {
            if (kind == UncertainKind.Choice)
            {
                validator.Report(s, at, $"{at} ({text}): {fieldPath} is {target.Expected}, which has no range; list the values instead, e.g. [{string.Join(", ", target.Kind == ValueKind.Bool ? ["true", "false"] : target.EnumValues.Take(2))}]", text);
                return null;
            }

            low = text[..dots].Trim();
            high = text[(dots + 2)..].Trim();
        }
        else
        {
            string kindHint = kind == UncertainKind.Choice ? "a list of its values [a, b, …]" : "a range low..high (e.g. 40ms..60ms), a list [a, b, …] or ±share (e.g. ±20%)";
            validator.Report(s, at, $"{at} ({SchemaValidator.Shorten(text)}) should be {kindHint}", text);
            return null;
        }

        if (!CheckEnd(low, s, endSchema, at, out double lo) | !CheckEnd(high, s, endSchema, at, out double hi))
        {
            return null;
        }

        if (lo > hi)
        {
            validator.Report(s, at, $"{at} ({text}) is inverted: its low end {low} is above its high end {high}; write {high}..{low}", text);
            return null;
        }

        if (lo == hi)
        {
            validator.Report(s, at, $"{at} ({text}) does not vary: both ends are {low}; write a range whose ends differ, or remove the entry", text);
            return null;
        }

        if (!rangeField && UncertainValues.TryMagnitude(kind, nominal, out double nom) && (nom < lo || nom > hi))
        {
            diagnostics.Add(SchemaValidator.At(s, at, $"{fieldPath} ({nominal}) lies outside its uncertainty range {low}..{high}", text) with { Severity = DiagnosticSeverity.Warning });
        }

        return new UncertainField { Path = fieldPath, Nominal = nominal, Low = low, High = high, Source = source, FromPreset = preset, Kind = kind };
    }

    private UncertainField? ReadList(YSequence list, SchemaNode target, string at, string fieldPath, string nominal, UncertainKind kind, string source, bool preset)
    {
        if (list.Items.Count < 2)
        {
            validator.Report(list, at, string.Create(CultureInfo.InvariantCulture, $"{at} lists {list.Items.Count} value(s); an uncertain field needs at least 2"));
            return null;
        }

        var values = new List<string>();
        bool ok = true;
        for (int i = 0; i < list.Items.Count; i++)
        {
            string itemPath = string.Create(CultureInfo.InvariantCulture, $"{at}[{i}]");
            if (list.Items[i] is not YScalar item || item.IsNull)
            {
                validator.Report(list.Items[i], itemPath, $"{itemPath} should be a single value of {fieldPath}");
                ok = false;
                continue;
            }

            int before = diagnostics.Count;
            validator.Validate(item.Clone(), target, itemPath);
            ok &= diagnostics.Count == before;
            values.Add(item.Text.Trim());
        }

        if (!ok)
        {
            return null;
        }

        if (values.Distinct(StringComparer.Ordinal).Count() < values.Count)
        {
            validator.Report(list, at, $"{at} lists a value twice ({string.Join(", ", values)}); each value once");
            return null;
        }

        return new UncertainField
        {
            Path = fieldPath,
            Nominal = nominal,
            Low = values[0],
            High = values[^1],
            Values = EquatableArray.From(values),
            Source = source,
            FromPreset = preset,
            Kind = kind,
        };
    }

    private bool CheckEnd(string text, YScalar at, SchemaNode schema, string path, out double magnitude)
    {
        magnitude = 0;
        var end = new YScalar(text, false, at.Origin, at.Line, at.Column);
        int before = diagnostics.Count;
        validator.Validate(end, schema, path);
        if (diagnostics.Count != before)
        {
            return false;
        }

        magnitude = end.Value switch
        {
            TimeSpan t => t.TotalSeconds,
            long l => l,
            double d => d,
            decimal m => (double)m,
            _ => 0,
        };
        return true;
    }

    private static UncertainKind KindOf(SchemaNode node) => node.Kind switch
    {
        ValueKind.Duration or ValueKind.DurationRange => UncertainKind.Duration,
        ValueKind.Integer => UncertainKind.WholeNumber,
        ValueKind.Share => UncertainKind.Share,
        ValueKind.Rate => UncertainKind.Rate,
        ValueKind.Size => UncertainKind.Size,
        ValueKind.Money => UncertainKind.Money,
        ValueKind.Number => UncertainKind.Number,
        _ => UncertainKind.Choice,
    };

    /// <summary>Why the field at <paramref name="path"/> cannot vary, or null when it can.</summary>
    private static string? CannotVary(List<PathSegment> path, SchemaNode node)
    {
        string first = path[0].Key;
        if (ExperimentKeys.Contains(first))
        {
            return $"{first} sets up the experiment, not the system being modelled";
        }

        if (first == "deployment" && path.Count == 2 && path[1].Key is "min_units" or "max_units" or "zones")
        {
            return "it is what plan and sweep decide, not an assumption";
        }

        if (first == "traffic" && path[^1].Key is "pattern" or "name")
        {
            return "it decides which fields the traffic source has";
        }

        return node.Kind switch
        {
            ValueKind.Integer or ValueKind.Number or ValueKind.Duration or ValueKind.DurationRange or ValueKind.Rate
                or ValueKind.Size or ValueKind.Share or ValueKind.Money or ValueKind.Enum or ValueKind.Bool => null,
            ValueKind.Object or ValueKind.Sweep or ValueKind.Uncertainty => "it is a section; name one of its fields",
            ValueKind.List => "it is a list; name one of its items' fields, e.g. traffic[0].rate",
            ValueKind.Union => "it takes a policy or a list, not a value",
            _ => $"it is {node.Expected}; numbers, durations, shares, rates, sizes, amounts and choices can vary",
        };
    }
}
