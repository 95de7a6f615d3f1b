using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LookoutSim.Tests.Hardening;

/// <summary>
/// Structure-aware, nasty mutations of scenario files and trace CSVs. Every choice comes from the
/// <see cref="Random"/> given, so one seed gives one file, byte for byte.
/// </summary>
internal static partial class FuzzMutations
{
    /// <summary>Numbers that overflow, underflow, are not numbers, or sit on a type's edge.</summary>
    public static readonly string[] NastyNumbers =
    [
        "1" + new string('0', 300), "-" + new string('9', 300), "0." + new string('0', 300) + "1", "1e308", "1.7976931348623157e308",
        "1e309", "-1e308", "4.9e-324", "1e-300", "-1", "0", "-0", "NaN", ".nan", ".inf", "-.inf", "Infinity", "2147483648",
        "-2147483649", "9223372036854775808", "18446744073709551616", "79228162514264337593543950336", "1e15", "1e20", "0x7fffffff",
        "1_000", "00012", "1.", ".5", "1e", "--1", "+-1", "1/0",
    ];

    /// <summary>Strings a scenario or a trace should refuse or show safely.</summary>
    public static readonly string[] NastyStrings =
    [
        "", " ", "~", "null", "true", "\0", "a\0b", "\u001b[31mRED\u001b[0m", "\u001b]0;title\u0007", "\u001b[2J\u001b[H", "\u0007\u0008\u007f",
        "\u0085\u009b31m", "\u202Egnp.lmth", "\u2066x\u2069", "\uFEFFname", "../../x", "../../../../../tmp/escape", "/etc/passwd",
        "..", ".", "a/b", "a\\b", "CON", "nul", new string('A', 5000), string.Concat(Enumerable.Repeat("\u00e9\u4e2d", 2000)),
        "=HYPERLINK(\"http://example.invalid\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\ud83d\ude00\u200d\ud83d\udd25", "\r", "\n\n",
        "0 0 30 2 *", "*/0 * * * *", "61 25 * * *", "* * * * * * *", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
        "1ms..30d", "30d..1ms", "1000%", "-5%", "%", "1e308%", "<script>alert(1)</script>", "\"", "'", "{", "[", "*x", "&a",
        "!!binary AAAA", "1h 2h", "2d 25:00", "P1Y", "5 s", "5ss", "1e15/s", "1e-300/s", "0/s", "-1/s", "NaN/s", "1e300MB",
    ];

    /// <summary>Cells for a number column of a trace.</summary>
    public static readonly string[] NastyCells =
    [
        "abc", "", " ", "NaN", "nan", "Infinity", "-Infinity", "∞", "1e400", "1e20", "1e15", "-1", "-0", "0x1F", "1,5", " 7 ", "\"12\"",
        "\"1\"\"2\"", "1e-400", "1" + new string('0', 300), "9223372036854775808", "=1+1", "@x", "\u001b[2J", "\0", "\u202E12", "12abc",
        "1.5.5", "٣", "１２", "+5", "5e", "true",
    ];

    /// <summary>Nasty values that fit a key's kind, so that they pass the parser and reach the checks behind it.</summary>
    private static readonly Dictionary<string, string[]> ByKey = BuildByKey();

    private static readonly string[] KeyNearMisses = ["nmae", "Name", "name ", " name", "min_unit", "rates", "rate_", "zone", "x", "?", "<<", "\u001b[1mk", ""];

    /// <summary>The YAML mutations (tree-level ones first: they need a parseable document).</summary>
    public enum YamlOp
    {
        ReplaceScalar,
        ReplaceNumberKeepUnit,
        DeleteKey,
        SwapType,
        InsertUnknownKeys,
        DeepNesting,
        GrowList,
        EmptyCollection,
        RenameScenario,
        DuplicateKeyLine,
        Reindent,
        Aliases,
        AliasBomb,
        RawJunk,
        Truncate,
        LineEndings,
    }

    /// <summary>The trace CSV mutations.</summary>
    public enum CsvOp
    {
        TextInNumberColumn,
        NegativeTime,
        BackwardsTime,
        ShortRow,
        ExtraColumns,
        HeaderOnly,
        BinaryJunk,
        HugeCount,
        MangledHeader,
        Truncate,
        BlankAndCrLf,
        DuplicateOrFarTime,
        DeleteRows,
        LongLine,
    }

    private const string NestPlaceholder = "NESTING_PLACEHOLDER_8C1F";

    private const int FirstTextOp = (int)YamlOp.DuplicateKeyLine;

    /// <summary>Applies <paramref name="ops"/> to a scenario text, tree mutations first.</summary>
    public static byte[] MutateYaml(string text, IEnumerable<YamlOp> ops, Random r, List<string> log)
    {
        YamlOp[] ordered = [.. ops.OrderBy(o => (int)o >= FirstTextOp ? 1 : 0)];
        foreach (YamlOp op in ordered.Where(o => (int)o < FirstTextOp))
        {
            text = MutateTree(text, op, r, log) ?? text;
        }

        byte[]? bytes = null;
        foreach (YamlOp op in ordered.Where(o => (int)o >= FirstTextOp))
        {
            if (op == YamlOp.Truncate)
            {
                bytes ??= Encoding.UTF8.GetBytes(text);
                int cut = r.Next(bytes.Length + 1);
                log.Add($"truncate at byte {cut} of {bytes.Length}");
                bytes = bytes[..cut];
                text = Encoding.UTF8.GetString(bytes);
            }
            else if (op == YamlOp.RawJunk)
            {
                bytes ??= Encoding.UTF8.GetBytes(text);
                bytes = InsertJunk(bytes, r, log);
                text = Encoding.UTF8.GetString(bytes);
            }
            else
            {
                text = MutateText(text, op, r, log);
                bytes = null;
            }
        }

        return bytes ?? Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Applies <paramref name="ops"/> to a trace CSV.</summary>
    public static byte[] MutateCsv(string text, IEnumerable<CsvOp> ops, Random r, List<string> log)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').ToList();
        byte[]? raw = null;
        foreach (CsvOp op in ops)
        {
            if (raw is not null && op is not (CsvOp.Truncate or CsvOp.BinaryJunk))
            {
                continue; // a byte-level mutation is the last word
            }

            int row = PickRow(lines, r);
            switch (op)
            {
                case CsvOp.TextInNumberColumn:
                    SetCell(lines, row, r.Next(2), Pick(NastyCells, r), log);
                    break;
                case CsvOp.NegativeTime:
                    SetCell(lines, row, 0, Pick(["-1", "-60", "-1e9", "-0.5", "-" + new string('9', 30)], r), log);
                    break;
                case CsvOp.BackwardsTime:
                    if (row > 1)
                    {
                        string earlier = Cell(lines[row - 1], 0);
                        double t = double.TryParse(earlier, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : 0;
                        SetCell(lines, row, 0, (t - 30 - r.Next(3600)).ToString(CultureInfo.InvariantCulture), log);
                    }

                    break;
                case CsvOp.ShortRow:
                    log.Add($"short row {row}");
                    lines[row] = Pick([Cell(lines[row], 0), Cell(lines[row], 0) + ",", "", ",", "\"", Cell(lines[row], 1)], r);
                    break;
                case CsvOp.ExtraColumns:
                    log.Add($"extra columns on row {row}");
                    lines[row] += Pick([",1", ",1,2,3", ",", ",\"x,y\"", string.Concat(Enumerable.Repeat(",9", 1000))], r);
                    break;
                case CsvOp.HeaderOnly:
                    log.Add("header only");
                    lines = [lines[0], .. r.Next(2) == 0 ? Array.Empty<string>() : [""]];
                    break;
                case CsvOp.BinaryJunk:
                    raw ??= Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
                    raw = r.Next(3) switch
                    {
                        0 => InsertJunk(raw, r, log),
                        1 => Log(log, "4096 NULs", new byte[4096]),
                        _ => Log(log, "random bytes", RandomBytes(r, 1 + r.Next(3000))),
                    };
                    break;
                case CsvOp.HugeCount:
                    SetCell(lines, row, 1, Pick(["1e20", "1e15", "99999999999999999999", "9223372036854775807", "2147483648", "1e308", "1" + new string('0', 300)], r), log);
                    break;
                case CsvOp.MangledHeader:
                    string header = Pick(["count,time_s", "time_s", "time_s,count,count", "time_s,Count", "", "time_s;count", "\uFEFFtime_s,count", "0,67", "time_s,count\u0000", "\u001b[31mtime_s,count"], r);
                    log.Add($"header '{header}'");
                    lines[0] = header;
                    break;
                case CsvOp.Truncate:
                    raw ??= Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
                    int cut = r.Next(2) == 0 ? r.Next(Math.Min(raw.Length, 200) + 1) : r.Next(raw.Length + 1);
                    log.Add($"truncate at byte {cut}");
                    raw = raw[..cut];
                    break;
                case CsvOp.BlankAndCrLf:
                    log.Add($"blank/comment line at {row}");
                    lines.Insert(row, Pick(["", " ", "#comment", "\r", ",,", "\t"], r));
                    break;
                case CsvOp.DuplicateOrFarTime:
                    if (r.Next(2) == 0)
                    {
                        log.Add($"duplicate row {row}");
                        lines.Insert(row, lines[row]);
                    }
                    else
                    {
                        SetCell(lines, row, 0, Pick(["1e12", "1e300", "86400000", "0.0001", "59.999999999"], r), log);
                    }

                    break;
                case CsvOp.DeleteRows:
                    int n = Math.Min(lines.Count - 1, 1 + r.Next(r.Next(2) == 0 ? 3 : lines.Count));
                    log.Add($"delete {n} rows from {row}");
                    lines.RemoveRange(Math.Min(row, lines.Count - n), n);
                    break;
                default:
                    log.Add($"long line at {row}");
                    lines[row] = Cell(lines[row], 0) + "," + new string('7', 100_000 + r.Next(100));
                    break;
            }
        }

        return raw ?? Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
    }

    private static Dictionary<string, string[]> BuildByKey()
    {
        string[] durations = ["0s", "1ms", "0.000001ms", "1e-300s", "-1s", "1e308d", "106751991167301d", "99999999999y", "10000y", "100y", "1ms..1e300d", "5m..5m", "P9999Y", "PT0S", "1h30"];
        string[] dates = ["9999-12-31T23:59:59Z", "9999-12-31T00:00:00Z", "0001-01-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-13-01", "1970-01-01T00:00:00+14:00", "not a date", "2024-01-01T00:00:00-12:00"];
        string[] crons = ["0 0 30 2 *", "0 0 31 4 *", "*/0 * * * *", "* * * * *", "0 0 29 2 1", "59 23 31 12 *", "0 25 * * *", "* * * * * *", "0 0 * * MON-SUN", "0 0 * * 7", "", "@yearly", "0 0 1 1 * 2099"];
        string[] names = ["a\0b", "\0", "../../escape", "..", ".", "/abs", "a/b", "CON", "=HYPERLINK(\"http://x\")", "\u001b[31mred", "<script>alert(1)</script>", new string('n', 300), "\u202Eabc", " ", ""];
        string[] rates = ["1e15/s", "1e300/s", "0/s", "-1/s", "NaN/s", "1e-300/s", "1000000/s", "1/1e-300s", "1/0s", "1e6/h", "6"];
        string[] counts = ["0", "-1", "1e9", "2147483648", "1000000", "64", "65", "10000", "1.5", "1e308"];
        string[] shares = ["0%", "-1%", "100.0000001%", "1e308%", "NaN%", "0.5", "2", "1e-300%"];
        string[] sizes = ["0MB", "1e308MB", "-1MB", "1e15TB", "1B", "0.0000001MB"];
        return new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["start"] = dates, ["cron"] = crons, ["name"] = names, ["zones"] = names, ["description"] = names, ["zone"] = names, ["currency"] = names,
            ["file"] = ["../../../../etc/passwd", "/dev/zero", "/dev/null", "traces", "", "missing.csv", "traces/../traces/line2-day.csv", "\0", "/proc/self/mem"],
            ["horizon"] = durations, ["warmup"] = durations, ["interval"] = durations, ["timeout"] = durations, ["evaluation"] = durations,
            ["duration"] = durations, ["every"] = durations, ["at"] = durations, ["unit_mtbf"] = durations, ["granularity"] = durations,
            ["model_start"] = durations, ["unit_start"] = durations, ["base"] = durations, ["per_megapixel"] = durations, ["per_megabyte"] = durations,
            ["scale_out_cooldown"] = durations, ["scale_in_cooldown"] = durations, ["unit_replacement_delay"] = durations, ["latency_p99"] = durations,
            ["rate"] = rates, ["rates"] = rates, ["replications"] = counts, ["min_units"] = counts, ["max_units"] = counts, ["queue_per_unit"] = counts,
            ["clients"] = counts, ["images"] = counts, ["concurrency"] = counts, ["seed"] = [.. counts, "18446744073709551615", "-9223372036854775808"],
            ["width"] = counts, ["height"] = counts, ["size"] = sizes, ["share"] = shares, ["target"] = shares, ["max_failed"] = shares,
            ["availability"] = shares, ["scale"] = counts, ["speed"] = counts, ["cv"] = counts, ["price_per_unit_hour"] = counts,
        };
    }

    // ---- YAML tree mutations ---------------------------------------------------------------------

    /// <summary>One place in the document a node hangs from: set it, remove it.</summary>
    private sealed record Slot(YamlNode Node, string Path, Action<YamlNode> Set, Action? Remove, YamlMappingNode? Parent);

    private static string? MutateTree(string text, YamlOp op, Random r, List<string> log)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        var slots = new List<Slot>();
        string? nesting = null;
        YamlNode root = stream.Documents[0].RootNode;
        Collect(root, "", slots);
        if (slots.Count == 0)
        {
            return null;
        }

        switch (op)
        {
            case YamlOp.ReplaceScalar:
            {
                var scalars = slots.Where(x => x.Node is YamlScalarNode).DefaultIfEmpty(slots[0]).ToList();
                var typed = scalars.Where(x => ByKey.ContainsKey(Leaf(x.Path))).ToList();
                Slot s = Pick(typed.Count > 0 && r.Next(3) == 0 ? typed : scalars, r);
                string leaf = Leaf(s.Path);
                string value = r.Next(2) == 0 && ByKey.TryGetValue(leaf, out string[]? fitting)
                    ? Pick(fitting, r)
                    : r.Next(2) == 0 ? Pick(NastyNumbers, r) : Pick(NastyStrings, r);
                log.Add($"{s.Path} = {Show(value)}");
                s.Set(new YamlScalarNode(value));
                break;
            }

            case YamlOp.ReplaceNumberKeepUnit:
            {
                var numeric = slots.Where(x => x.Node is YamlScalarNode { Value: { } v } && LeadingNumber().IsMatch(v)).ToList();
                Slot s = Pick(numeric.Count > 0 ? numeric : slots, r);
                string old = (s.Node as YamlScalarNode)?.Value ?? "1";
                string value = LeadingNumber().Replace(old, Pick(NastyNumbers, r), 1);
                log.Add($"{s.Path}: {Show(old)} -> {Show(value)}");
                s.Set(new YamlScalarNode(value));
                break;
            }

            case YamlOp.DeleteKey:
            {
                var removable = slots.Where(x => x.Remove is not null).ToList();
                if (removable.Count == 0)
                {
                    return null;
                }

                Slot s = Pick(removable, r);
                log.Add($"delete {s.Path}");
                s.Remove!();
                break;
            }

            case YamlOp.SwapType:
            {
                Slot s = Pick(slots, r);
                YamlNode swapped = s.Node switch
                {
                    YamlScalarNode sc => r.Next(2) == 0
                        ? new YamlSequenceNode(new YamlScalarNode(sc.Value ?? ""))
                        : new YamlMappingNode(new YamlScalarNode(sc.Value ?? "k"), new YamlScalarNode("1")),
                    YamlSequenceNode seq => r.Next(2) == 0
                        ? new YamlScalarNode(seq.Children.Count > 0 && seq.Children[0] is YamlScalarNode f ? f.Value ?? "" : "x")
                        : new YamlMappingNode(new YamlScalarNode("item"), seq.Children.Count > 0 ? seq.Children[0] : new YamlScalarNode("1")),
                    YamlMappingNode map => r.Next(2) == 0
                        ? new YamlScalarNode("12")
                        : new YamlSequenceNode(map.Children.Select(kv => (YamlNode)new YamlMappingNode(kv.Key, kv.Value))),
                    _ => new YamlScalarNode("x"),
                };
                log.Add($"{s.Path}: {s.Node.NodeType} -> {swapped.NodeType}");
                s.Set(swapped);
                break;
            }

            case YamlOp.InsertUnknownKeys:
            {
                var maps = new List<(YamlMappingNode Map, string Path)>();
                if (root is YamlMappingNode rm)
                {
                    maps.Add((rm, ""));
                }

                maps.AddRange(slots.Where(x => x.Node is YamlMappingNode).Select(x => ((YamlMappingNode)x.Node, x.Path)));
                if (maps.Count == 0)
                {
                    return null;
                }

                (YamlMappingNode map, string path) = Pick(maps, r);
                int count = r.Next(4) == 0 ? 200 + r.Next(3000) : 1 + r.Next(3);
                for (int i = 0; i < count; i++)
                {
                    string key = i == 0 && r.Next(2) == 0 ? Pick(KeyNearMisses, r) : "unknown_" + i.ToString(CultureInfo.InvariantCulture);
                    var k = new YamlScalarNode(key);
                    if (!map.Children.ContainsKey(k))
                    {
                        map.Add(k, new YamlScalarNode(i % 2 == 0 ? Pick(NastyStrings, r) : Pick(NastyNumbers, r)));
                    }
                }

                log.Add($"{count} unknown keys in {(path.Length == 0 ? "(root)" : path)}");
                break;
            }

            case YamlOp.DeepNesting:
            {
                Slot s = Pick(slots, r);
                int depth = r.Next(3) switch { 0 => 20, 1 => 200, _ => 2000 + r.Next(8000) };
                bool maps = r.Next(2) == 0;
                log.Add($"{s.Path}: nested {depth} deep ({(maps ? "maps" : "lists")})");
                nesting = Nest(depth, maps);
                s.Set(new YamlScalarNode(NestPlaceholder)); // spliced in as text below: the emitter would quote it
                break;
            }

            case YamlOp.GrowList:
            {
                var lists = slots.Where(x => x.Node is YamlSequenceNode { Children.Count: > 0 }).ToList();
                if (lists.Count == 0)
                {
                    return null;
                }

                Slot s = Pick(lists, r);
                var seq = (YamlSequenceNode)s.Node;
                int copies = r.Next(3) == 0 ? 1000 + r.Next(20000) : 1 + r.Next(3);
                YamlNode item = seq.Children[r.Next(seq.Children.Count)];
                for (int i = 0; i < copies; i++)
                {
                    seq.Add(item);
                }

                // The copies share the item, so growing a list inside copies of copies multiplies: keep the
                // document (counted with its repeats) under a bound, or the mutation, not the program, runs out of memory.
                if (CountNodes(root, MaxNodes) > MaxNodes)
                {
                    for (int i = 0; i < copies; i++)
                    {
                        seq.Children.RemoveAt(seq.Children.Count - 1);
                    }

                    return null;
                }

                log.Add($"{s.Path}: {copies} more items");
                break;
            }

            case YamlOp.RenameScenario:
            {
                // The name becomes the default results folder: path characters, NUL, escapes, formulas, length.
                if (root is not YamlMappingNode top)
                {
                    return null;
                }

                string value = Pick(ByKey["name"], r);
                log.Add($"name = {Show(value)}");
                top.Children[new YamlScalarNode("name")] = new YamlScalarNode(value);
                break;
            }

            default:
            {
                var colls = slots.Where(x => x.Node is YamlSequenceNode or YamlMappingNode).ToList();
                if (colls.Count == 0)
                {
                    return null;
                }

                Slot s = Pick(colls, r);
                log.Add($"{s.Path}: emptied");
                s.Set(s.Node is YamlSequenceNode ? new YamlSequenceNode() : new YamlMappingNode());
                break;
            }
        }

        var sb = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            stream.Save(sb, assignAnchors: false);
        }
        catch (Exception ex) when (ex is YamlDotNet.Core.YamlException or InvalidOperationException or ArgumentException)
        {
            return null;
        }

        return nesting is null ? sb.ToString() : sb.ToString().Replace(NestPlaceholder, nesting, StringComparison.Ordinal);
    }

    /// <summary>Most nodes a mutated document may have, counting every repeat of a shared node.</summary>
    private const int MaxNodes = 200_000;

    /// <summary>Nodes of <paramref name="node"/> with repeats, counting stopped just past <paramref name="cap"/>.</summary>
    private static int CountNodes(YamlNode node, int cap)
    {
        int count = 1;
        IEnumerable<YamlNode> children = node switch
        {
            YamlMappingNode map => map.Children.Values,
            YamlSequenceNode seq => seq.Children,
            _ => [],
        };
        foreach (YamlNode child in children)
        {
            count += CountNodes(child, cap - count);
            if (count > cap)
            {
                return count;
            }
        }

        return count;
    }

    private static void Collect(YamlNode node, string path, List<Slot> slots)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (KeyValuePair<YamlNode, YamlNode> kv in map.Children.ToList())
                {
                    string p = path.Length == 0 ? kv.Key.ToString() : path + "." + kv.Key;
                    YamlNode key = kv.Key;
                    slots.Add(new Slot(kv.Value, p, v => map.Children[key] = v, () => map.Children.Remove(key), map));
                    Collect(kv.Value, p, slots);
                }

                break;
            case YamlSequenceNode seq:
                for (int i = 0; i < seq.Children.Count; i++)
                {
                    int at = i;
                    string p = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    YamlNode child = seq.Children[i];
                    slots.Add(new Slot(child, p, v => seq.Children[at] = v, () => seq.Children.Remove(child), null));
                    Collect(child, p, slots);
                }

                break;
        }
    }

    private static string Nest(int depth, bool maps)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < depth; i++)
        {
            sb.Append(maps ? "{a: " : "[");
        }

        sb.Append('1');
        for (int i = 0; i < depth; i++)
        {
            sb.Append(maps ? '}' : ']');
        }

        return sb.ToString();
    }

    // ---- YAML text mutations ---------------------------------------------------------------------

    private static string MutateText(string text, YamlOp op, Random r, List<string> log)
    {
        var lines = text.Split('\n').ToList();
        var keyed = Enumerable.Range(0, lines.Count).Where(i => KeyLine().IsMatch(lines[i])).ToList();
        int any = r.Next(lines.Count);
        int at = keyed.Count > 0 ? keyed[r.Next(keyed.Count)] : any;
        switch (op)
        {
            case YamlOp.DuplicateKeyLine:
                log.Add($"duplicate line {at + 1}: {Show(lines[at])}");
                string dup = r.Next(2) == 0 ? lines[at] : KeyLine().Replace(lines[at], m => m.Groups[1].Value + " " + Quote(Pick(NastyNumbers, r)), 1);
                lines.Insert(Math.Min(lines.Count, at + 1 + r.Next(2)), dup);
                break;
            case YamlOp.Reindent:
                string trimmed = lines[any].TrimStart(' ');
                string indent = Pick(["", " ", "   ", "\t", "  \t", new string(' ', 1 + r.Next(12))], r);
                log.Add($"line {any + 1} indented by {Show(indent)}");
                lines[any] = indent + trimmed;
                break;
            case YamlOp.Aliases:
                var scalars = keyed.Where(i => ScalarLine().IsMatch(lines[i])).ToList();
                if (scalars.Count >= 2)
                {
                    int a = scalars[r.Next(scalars.Count)], b = scalars[r.Next(scalars.Count)];
                    lines[a] = ScalarLine().Replace(lines[a], m => m.Groups[1].Value + " &v1 " + m.Groups[2].Value, 1);
                    string target = Pick(["*v1", "*nope", "*v1 *v1", "&v1 *v1", "&v2 [*v2]"], r);
                    if (b != a)
                    {
                        lines[b] = ScalarLine().Replace(lines[b], m => m.Groups[1].Value + " " + target, 1);
                    }

                    log.Add($"anchor on line {a + 1}, {target} on line {b + 1}");
                }

                break;
            case YamlOp.AliasBomb:
                int levels = 5 + r.Next(r.Next(2) == 0 ? 5 : 25);
                var bomb = new List<string> { "lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
                for (int i = 1; i < levels; i++)
                {
                    string prev = "*a" + (i - 1).ToString(CultureInfo.InvariantCulture);
                    bomb.Add($"lol{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(prev, 10))}]");
                }

                bool inDescription = r.Next(2) == 0;
                log.Add($"alias bomb of {levels} levels {(inDescription ? "used as description" : "as unknown keys")}");
                if (inDescription)
                {
                    int d = lines.FindIndex(l => l.StartsWith("description:", StringComparison.Ordinal));
                    if (d >= 0)
                    {
                        lines[d] = "description: *a" + (levels - 1).ToString(CultureInfo.InvariantCulture);
                    }
                }

                lines.InsertRange(lines.FindIndex(l => l.Length > 0 && !l.StartsWith('#')) is var first and >= 0 ? first : 0, bomb);
                break;
            default:
                log.Add("CRLF / CR line endings and a BOM");
                return (r.Next(2) == 0 ? "\uFEFF" : "") + string.Join(r.Next(2) == 0 ? "\r\n" : "\r", lines);
        }

        return string.Join('\n', lines);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static byte[] InsertJunk(byte[] bytes, Random r, List<string> log)
    {
        int at = r.Next(bytes.Length + 1);
        byte[] junk = r.Next(3) switch
        {
            0 => [0],
            1 => [0x1b, (byte)'[', (byte)'3', (byte)'1', (byte)'m', 7],
            _ => RandomBytes(r, 1 + r.Next(64)),
        };
        log.Add($"{junk.Length} junk bytes at {at}");
        return [.. bytes[..at], .. junk, .. bytes[at..]];
    }

    private static byte[] RandomBytes(Random r, int n)
    {
        byte[] b = new byte[n];
        r.NextBytes(b);
        return b;
    }

    private static byte[] Log(List<string> log, string what, byte[] value)
    {
        log.Add(what);
        return value;
    }

    private static int PickRow(List<string> lines, Random r)
    {
        if (lines.Count < 2)
        {
            lines.Add("0,1");
        }

        // Most mutations in the first rows, the ones a short run replays.
        return r.Next(3) != 0 ? 1 + r.Next(Math.Min(12, lines.Count - 1)) : 1 + r.Next(lines.Count - 1);
    }

    private static string Cell(string line, int col)
    {
        string[] cells = line.Split(',');
        return col < cells.Length ? cells[col] : "";
    }

    private static void SetCell(List<string> lines, int row, int col, string value, List<string> log)
    {
        string[] cells = lines[row].Split(',');
        if (cells.Length <= col)
        {
            cells = [.. cells, .. Enumerable.Repeat("", col + 1 - cells.Length)];
        }

        log.Add($"row {row} col {col}: {Show(cells[col])} -> {Show(value)}");
        cells[col] = value;
        lines[row] = string.Join(',', cells);
    }

    private static string Leaf(string path) => path.Split('.')[^1].Split('[')[0];

    private static T Pick<T>(IReadOnlyList<T> items, Random r) => items[r.Next(items.Count)];

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A value as a short printable text for the case log.</summary>
    public static string Show(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s.Length > 60 ? s[..60] : s)
        {
            sb.Append(char.IsControl(c) || c is >= '\u2066' and <= '\u2069' or >= '\u202A' and <= '\u202E'
                ? "<U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ">"
                : c.ToString());
        }

        return s.Length > 60 ? $"{sb}…({s.Length} chars)" : sb.ToString();
    }

    [GeneratedRegex(@"^-?\d+(?:\.\d+)?")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"^(\s*(?:- )?[A-Za-z_][\w.]*:)(.*)$")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^(\s*(?:- )?[A-Za-z_][\w.]*:)\s+([^\s{\[&*#|>][^#]*?)\s*(?:#.*)?$")]
    private static partial Regex ScalarLine();
}
