using LookoutSim.Scenarios.Schema;
using LookoutSim.Scenarios.Yaml;

namespace LookoutSim.Scenarios.Loading;

/// <summary><c>--set path=value</c>: parsing, and setting a value at a path of the tree.</summary>
internal static class Overrides
{
    public static bool TryParse(string arg, Origin origin, SchemaValidator validator, out List<PathSegment>? path, out YNode? value)
    {
        path = null;
        value = null;
        var at = new YScalar(arg, false, origin, 0, 0);
        int eq = arg.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            validator.Report(at, string.Empty, $"'{arg}' is not path=value; write e.g. --set deployment.min_units=3", arg);
            return false;
        }

        string p = arg[..eq].Trim();
        if (validator.ResolvePath(at, p, p) is null)
        {
            return false;
        }

        if (!PathSegment.TryParse(p, out List<PathSegment> segs))
        {
            return false;
        }

        path = segs;
        value = ValueNode(arg[(eq + 1)..], origin, validator, p);
        return value is not null;
    }

    /// <summary>A value written on the command line or in a preset: flow YAML (<c>[a, b]</c>, quoted text) or plain text.</summary>
    public static YNode? ValueNode(string text, Origin origin, SchemaValidator validator, string path)
    {
        string t = text.Trim();
        if (t.Length > 0 && t[0] is '[' or '{' or '"' or '\'')
        {
            var diags = new List<Diagnostic>();
            YNode? node = YamlTreeReader.Read(t, origin.Source, origin, diags);
            if (node is null || diags.Count > 0)
            {
                validator.Report(new YScalar(t, false, origin, 0, 0), path, $"{path} ({t}) is not a YAML value: {diags.FirstOrDefault()?.Message}", t);
                return null;
            }

            node.Restamp(origin, 0, 0);
            return node;
        }

        return new YScalar(t, false, origin, 0, 0);
    }

    /// <summary>Whether <paramref name="path"/> names a node of <paramref name="root"/>.</summary>
    public static bool Exists(YMapping root, List<PathSegment> path) => Find(root, path) is not null;

    /// <summary>The node at <paramref name="path"/>, or null.</summary>
    public static YNode? Find(YMapping root, List<PathSegment> path)
    {
        YNode? cur = root;
        foreach (PathSegment seg in path)
        {
            cur = (cur as YMapping)?.Get(seg.Key);
            if (seg.Selector is not null)
            {
                cur = cur is YSequence seq ? Item(seq, seg.Selector) : null;
            }

            if (cur is null)
            {
                return null;
            }
        }

        return cur;
    }

    /// <summary>What a selector can name in <paramref name="seq"/>: its items' names and the index range.</summary>
    private static string Items(YSequence? seq)
    {
        if (seq is null || seq.Items.Count == 0)
        {
            return "; the scenario has none";
        }

        var names = seq.Items.Select(i => (i as YMapping)?.Get("name") as YScalar).Where(n => n is { IsNull: false }).Select(n => n!.Text).ToList();
        string range = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"an index from 0 to {seq.Items.Count - 1}");
        const int shown = 20;
        return names.Count == 0
            ? $" (give {range})"
            : $"; the names are {string.Join(", ", names.Take(shown))}{(names.Count > shown ? ", …" : "")} (or give {range})";
    }

    private static YNode? Item(YSequence seq, string selector)
    {
        if (int.TryParse(selector, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i))
        {
            return i < seq.Items.Count ? seq.Items[i] : null;
        }

        return seq.Items.FirstOrDefault(n => n is YMapping m && m.Get("name") is YScalar s && s.Text == selector);
    }

    /// <summary>Sets <paramref name="value"/> at <paramref name="path"/>, creating sections on the way.</summary>
    public static void Apply(YMapping root, List<PathSegment> path, YNode value, SchemaValidator validator, string shown)
    {
        YMapping cur = root;
        for (int i = 0; i < path.Count; i++)
        {
            PathSegment seg = path[i];
            bool last = i == path.Count - 1;
            if (seg.Selector is null)
            {
                if (last)
                {
                    cur.Set(seg.Key, value);
                    return;
                }

                YNode? next = cur.Get(seg.Key);
                if (next is null)
                {
                    next = new YMapping(value.Origin, 0, 0);
                    cur.Set(seg.Key, next);
                }

                if (next is not YMapping nm)
                {
                    validator.Report(value, shown, $"{shown}: {seg.Key} is not a section here, so it has no fields to set", shown);
                    return;
                }

                cur = nm;
                continue;
            }

            if (cur.Get(seg.Key) is not YSequence seq || Item(seq, seg.Selector) is not { } item)
            {
                validator.Report(value, shown, $"{shown}: {seg.Key} has no item [{seg.Selector}]{Items(cur.Get(seg.Key) as YSequence)}", shown);
                return;
            }

            if (last)
            {
                seq.Items[seq.Items.IndexOf(item)] = value;
                return;
            }

            if (item is not YMapping im)
            {
                validator.Report(value, shown, $"{shown}: {seg.Key}[{seg.Selector}] is a single value, so it has no fields to set", shown);
                return;
            }

            cur = im;
        }
    }
}
