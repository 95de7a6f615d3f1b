using System.Text;
using LookoutSim.Scenarios.Schema;
using LookoutSim.Scenarios.Yaml;

namespace LookoutSim.Scenarios.Loading;

/// <summary>
/// Writes a resolved tree as YAML, keys in the format's order, each value followed by the origin
/// comment <c># from: file|preset NAME|default|--set|sweep PATH</c>. Reading the text back gives
/// an equal scenario.
/// </summary>
internal static class ResolvedYamlWriter
{
    public static string Write(YMapping root, string displayName)
    {
        var sb = new StringBuilder();
        sb.Append("# Resolved scenario from ").Append(displayName).Append('\n');
        sb.Append("# Every value used, and where it came from: file, preset, default, --set or sweep.\n");
        WriteMapping(sb, root, ScenarioSchema.Root, 0, firstIndentDone: false);
        return sb.ToString();
    }

    private static void WriteMapping(StringBuilder sb, YMapping map, SchemaNode? schema, int indent, bool firstIndentDone)
    {
        IEnumerable<YEntry> entries = map.Entries;
        SchemaNode? obj = schema is null ? null : schema.Kind == ValueKind.Object || schema.Kind == ValueKind.Sweep
            ? schema
            : schema.Alternatives.FirstOrDefault(a => a.Kind == ValueKind.Object);
        if (obj is not null && obj.Kind == ValueKind.Object)
        {
            var order = obj.Fields.Select((f, i) => (f.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
            entries = map.Entries.OrderBy(e => order.GetValueOrDefault(e.Key.Text, int.MaxValue));
        }

        bool first = true;
        foreach (YEntry e in entries)
        {
            if (!(first && firstIndentDone))
            {
                sb.Append(' ', indent);
            }

            first = false;
            sb.Append(Scalar(e.Key.Text, e.Key.Quoted)).Append(':');
            SchemaNode? child = obj?.Kind == ValueKind.Object ? obj.Field(e.Key.Text)?.Node : null;
            WriteValue(sb, e.Value, child, indent);
        }

        if (first)
        {
            sb.Append(' ', firstIndentDone ? 0 : indent).Append("{}\n");
        }
    }

    private static void WriteValue(StringBuilder sb, YNode value, SchemaNode? schema, int indent)
    {
        switch (value)
        {
            case YScalar s:
                sb.Append(' ').Append(Scalar(s.Canonical ?? s.Text, s.Quoted)).Append("  # from: ").Append(s.Origin.Describe()).Append('\n');
                break;
            case YSequence seq when seq.Items.Count == 0:
                sb.Append(" []  # from: ").Append(seq.Origin.Describe()).Append('\n');
                break;
            case YSequence seq when seq.Items.All(i => i is YScalar):
                sb.Append(" [").Append(string.Join(", ", seq.Items.Cast<YScalar>().Select(i => Scalar(i.Canonical ?? i.Text, i.Quoted, flow: true))))
                    .Append("]  # from: ").Append(Origins(seq)).Append('\n');
                break;
            case YSequence seq:
                sb.Append('\n');
                SchemaNode? item = schema is null ? null
                    : schema.Kind == ValueKind.List ? schema.Item
                    : schema.Alternatives.FirstOrDefault(a => a.Kind == ValueKind.List)?.Item;
                foreach (YNode i in seq.Items)
                {
                    sb.Append(' ', indent + 2).Append("- ");
                    if (i is YMapping im)
                    {
                        WriteMapping(sb, im, item, indent + 4, firstIndentDone: true);
                    }
                    else
                    {
                        sb.Length--;
                        WriteValue(sb, i, item, indent + 4);
                    }
                }

                break;
            case YMapping m when m.Entries.Count == 0:
                sb.Append(" {}\n");
                break;
            case YMapping m:
                sb.Append('\n');
                WriteMapping(sb, m, schema, indent + 2, firstIndentDone: false);
                break;
        }
    }

    private static string Origins(YSequence seq)
    {
        var kinds = seq.Items.Select(i => i.Origin.Describe()).Distinct().ToList();
        return kinds.Count == 1 ? kinds[0] : seq.Origin.Describe();
    }

    private static string Scalar(string text, bool quoted, bool flow = false)
    {
        bool needsQuotes = quoted || text.Length == 0 || text != text.Trim()
            || text.IndexOfAny(['#', '\n', '\r', '\t', '"', '\'']) >= 0
            || text.Contains(": ", StringComparison.Ordinal) || text.EndsWith(':')
            || "-?:,[]{}&*!|>%@`".Contains(text[0], StringComparison.Ordinal) && !(text.Length > 1 && char.IsDigit(text[1]) && text[0] == '-')
            || (flow && text.IndexOfAny([',', '[', ']', '{', '}']) >= 0);
        if (!needsQuotes)
        {
            return text;
        }

        var sb = new StringBuilder("\"");
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' => "\\x" + ((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
