using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using LookoutSim.Cli;
using LookoutSim.Scenarios;
using LookoutSim.Scenarios.Yaml;

namespace LookoutSim.Tests.Scenarios;

public sealed class ScenarioJsonSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(ScenarioJsonSchema.Text).RootElement;

    [Test]
    public void SchemaCommand_Output_EqualsTheKeptCopy()
    {
        // Given
        string kept = File.ReadAllText(Path.Combine(ScenarioFiles.RepoRoot, "scenario.schema.json"));
        var stdout = new StringWriter();

        // When
        int code = CommandLine.Run(["schema"], stdout, new StringWriter());

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(stdout.ToString(), Is.EqualTo(kept), "regenerate with: lookoutsim schema > scenario.schema.json");
    }

    [Test]
    public void EverySample_ValidatesAgainstTheSchema()
    {
        foreach (string file in ScenarioFiles.SampleFiles())
        {
            // Given
            var diagnostics = new List<Diagnostic>();
            YNode root = YamlTreeReader.Read(File.ReadAllText(file), file, new Origin(OriginKind.File, file), diagnostics)!;

            // When
            var problems = new List<string>();
            MiniJsonSchema.Check(root, Schema, "", problems);

            // Then
            Assert.That(problems, Is.Empty, file);
        }
    }

    [Test]
    public void Schema_RejectsWhatTheLoaderRejects()
    {
        // Given: an unknown key, a bare-number duration, a quoted integer
        var diagnostics = new List<Diagnostic>();
        YNode root = YamlTreeReader.Read("name: x\nhorizon: 90\nbogus: 1\ndeployment: { min_units: \"2\" }\n", "x", new Origin(OriginKind.File, "x"), diagnostics)!;

        // When
        var problems = new List<string>();
        MiniJsonSchema.Check(root, Schema, "", problems);

        // Then
        Assert.That(problems, Has.Some.Contains("bogus"));
        Assert.That(problems, Has.Some.Contains("horizon"));
        Assert.That(problems, Has.Some.Contains("deployment.min_units"));
        Assert.That(problems, Has.Some.Contains("required"));
    }

    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["SizeMb"] = "size",
    };

    private static IEnumerable<TestCaseData> RecordsAndSections()
    {
        yield return new TestCaseData(typeof(Scenario), "", Array.Empty<string>()).SetArgDisplayNames("Scenario");
        yield return new TestCaseData(typeof(ServiceSpec), "service", Array.Empty<string>()).SetArgDisplayNames("service");
        yield return new TestCaseData(typeof(ImageSpec), "images[]", Array.Empty<string>()).SetArgDisplayNames("images");
        yield return new TestCaseData(typeof(ClientSpec), "client", Array.Empty<string>()).SetArgDisplayNames("client");
        yield return new TestCaseData(typeof(RetryPolicy), "client.retry{}", new[] { "Mode" }).SetArgDisplayNames("retry");
        yield return new TestCaseData(typeof(DeploymentSpec), "deployment", Array.Empty<string>()).SetArgDisplayNames("deployment");
        yield return new TestCaseData(typeof(AutoscalingSpec), "autoscaling", Array.Empty<string>()).SetArgDisplayNames("autoscaling");
        yield return new TestCaseData(typeof(FailuresSpec), "failures", Array.Empty<string>()).SetArgDisplayNames("failures");
        yield return new TestCaseData(typeof(ZoneOutage), "failures.zone_outages[]", Array.Empty<string>()).SetArgDisplayNames("zone_outages");
        yield return new TestCaseData(typeof(ScheduleEntry), "schedule[]", Array.Empty<string>()).SetArgDisplayNames("schedule");
        yield return new TestCaseData(typeof(BillingSpec), "billing", Array.Empty<string>()).SetArgDisplayNames("billing");
        yield return new TestCaseData(typeof(SloSpec), "slo", Array.Empty<string>()).SetArgDisplayNames("slo");
        yield return new TestCaseData(typeof(WeekdayMultipliers), "traffic[].weekdays", Array.Empty<string>()).SetArgDisplayNames("weekdays");
    }

    [TestCaseSource(nameof(RecordsAndSections))]
    public void SchemaAndRecords_NameTheSameFields(Type record, string section, string[] notInFile)
    {
        // Given
        JsonElement node = Section(section);
        var schemaKeys = node.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();

        // When
        var recordKeys = record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null && !notInFile.Contains(p.Name))
            .Select(p => Renamed.GetValueOrDefault(p.Name) ?? Snake(p.Name))
            .ToHashSet();

        // Then
        Assert.That(recordKeys, Is.EquivalentTo(schemaKeys));
    }

    [Test]
    public void SchemaAndRecords_TrafficSourceGroupsPatternFields()
    {
        // Given: a traffic source's record groups pattern-specific keys into sub-records
        var schemaKeys = Section("traffic[]").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        var groups = new Dictionary<string, string[]>
        {
            ["Bursts"] = ["rates", "durations"],
            ["Trace"] = ["file", "column", "interval", "speed", "scale"],
            ["Closed"] = ["clients", "think", "cron", "at"],
        };

        // When
        var recordKeys = typeof(TrafficSource).GetProperties()
            .Where(p => p.SetMethod is not null)
            .SelectMany(p => groups.TryGetValue(p.Name, out string[]? keys) ? keys : [Snake(p.Name)])
            .ToHashSet();

        // Then
        Assert.That(recordKeys, Is.EquivalentTo(schemaKeys));
        Assert.That(typeof(TraceReplay).GetProperties().Select(p => Snake(p.Name)), Is.EquivalentTo(groups["Trace"]));
        Assert.That(typeof(ClosedJob).GetProperties().Select(p => Snake(p.Name)), Is.EquivalentTo(groups["Closed"].Append("images")));
    }

    private static JsonElement Section(string section)
    {
        JsonElement node = Schema;
        if (section.Length == 0)
        {
            return node;
        }

        foreach (string part in section.Split('.'))
        {
            string key = part.TrimEnd(']', '[', '{', '}');
            node = node.GetProperty("properties").GetProperty(key);
            if (part.EndsWith("[]", StringComparison.Ordinal))
            {
                node = node.TryGetProperty("items", out JsonElement items) ? items
                    : node.GetProperty("anyOf").EnumerateArray().First(a => a.TryGetProperty("items", out _)).GetProperty("items");
            }
            else if (part.EndsWith("{}", StringComparison.Ordinal))
            {
                node = node.GetProperty("anyOf").EnumerateArray().First(a => a.TryGetProperty("properties", out _));
            }
        }

        return node;
    }

    private static string Snake(string pascal) =>
        Regex.Replace(pascal, "(?<=[a-z0-9])([A-Z])", "_$1").ToLowerInvariant();

    /// <summary>A validator for the subset of JSON Schema that <c>lookoutsim schema</c> emits.</summary>
    private static class MiniJsonSchema
    {
        public static void Check(YNode node, JsonElement schema, string path, List<string> problems)
        {
            if (schema.TryGetProperty("anyOf", out JsonElement anyOf))
            {
                bool any = false;
                foreach (JsonElement alt in anyOf.EnumerateArray())
                {
                    var scratch = new List<string>();
                    Check(node, alt, path, scratch);
                    any |= scratch.Count == 0;
                }

                if (!any)
                {
                    problems.Add($"{path}: matches no alternative");
                }

                return;
            }

            string type = TypeOf(node);
            if (schema.TryGetProperty("type", out JsonElement t))
            {
                var allowed = t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [t.GetString()!];
                if (!allowed.Contains(type) && !(type == "integer" && allowed.Contains("number")))
                {
                    problems.Add($"{path}: {type} is not {string.Join("/", allowed)}");
                    return;
                }
            }

            if (node is YScalar s)
            {
                CheckScalar(s, type, schema, path, problems);
                return;
            }

            if (node is YSequence seq)
            {
                if (schema.TryGetProperty("minItems", out JsonElement min) && seq.Items.Count < min.GetInt32())
                {
                    problems.Add($"{path}: too few items");
                }

                if (schema.TryGetProperty("maxItems", out JsonElement max) && seq.Items.Count > max.GetInt32())
                {
                    problems.Add($"{path}: too many items");
                }

                if (schema.TryGetProperty("items", out JsonElement items))
                {
                    for (int i = 0; i < seq.Items.Count; i++)
                    {
                        Check(seq.Items[i], items, $"{path}[{i}]", problems);
                    }
                }

                return;
            }

            var map = (YMapping)node;
            JsonElement props = schema.TryGetProperty("properties", out JsonElement p) ? p : default;
            foreach (YEntry e in map.Entries)
            {
                string child = path.Length == 0 ? e.Key.Text : path + "." + e.Key.Text;
                if (props.ValueKind == JsonValueKind.Object && props.TryGetProperty(e.Key.Text, out JsonElement sub))
                {
                    Check(e.Value, sub, child, problems);
                }
                else if (schema.TryGetProperty("additionalProperties", out JsonElement extra))
                {
                    if (extra.ValueKind == JsonValueKind.False)
                    {
                        problems.Add($"{child}: additional property");
                    }
                    else if (extra.ValueKind == JsonValueKind.Object)
                    {
                        Check(e.Value, extra, child, problems);
                    }
                }
            }

            if (schema.TryGetProperty("required", out JsonElement required))
            {
                foreach (JsonElement r in required.EnumerateArray())
                {
                    if (map.Find(r.GetString()!) is null)
                    {
                        problems.Add($"{path}: required {r.GetString()} missing");
                    }
                }
            }
        }

        private static void CheckScalar(YScalar s, string type, JsonElement schema, string path, List<string> problems)
        {
            if (schema.TryGetProperty("enum", out JsonElement en) && !en.EnumerateArray().Any(v => v.GetString() == s.Text))
            {
                problems.Add($"{path}: {s.Text} not in enum");
            }

            if (type == "string" && schema.TryGetProperty("pattern", out JsonElement pattern) && !Regex.IsMatch(s.Text, pattern.GetString()!))
            {
                problems.Add($"{path}: '{s.Text}' does not match {pattern.GetString()}");
            }

            if (type is "integer" or "number")
            {
                double v = double.Parse(s.Text, CultureInfo.InvariantCulture);
                if (schema.TryGetProperty("minimum", out JsonElement min) && v < min.GetDouble())
                {
                    problems.Add($"{path}: below minimum");
                }

                if (schema.TryGetProperty("exclusiveMinimum", out JsonElement xmin) && v <= xmin.GetDouble())
                {
                    problems.Add($"{path}: not above exclusiveMinimum");
                }

                if (schema.TryGetProperty("maximum", out JsonElement max) && v > max.GetDouble())
                {
                    problems.Add($"{path}: above maximum");
                }
            }
        }

        /// <summary>The JSON type of a YAML node under the YAML 1.2 core schema.</summary>
        private static string TypeOf(YNode node) => node switch
        {
            YMapping => "object",
            YSequence => "array",
            YScalar { Quoted: true } => "string",
            YScalar s when s.IsNull => "null",
            YScalar s when s.Text is "true" or "false" => "boolean",
            YScalar s when ScenarioValues.IsInteger(s.Text) => "integer",
            YScalar s when ScenarioValues.IsNumber(s.Text) => "number",
            _ => "string",
        };
    }
}
