namespace LookoutSim.Scenarios.Yaml;

/// <summary>Where a value of the resolved scenario came from.</summary>
internal enum OriginKind
{
    File,
    Preset,
    Default,
    Override,
    Sweep,
    Plan,
}

/// <summary>The origin of one node: its kind, where it was written and (for presets) which one.</summary>
internal sealed record Origin(OriginKind Kind, string Source, string? Detail = null)
{
    public static readonly Origin Default = new(OriginKind.Default, "default");

    /// <summary>The trailing comment written in the resolved YAML, e.g. <c>from: default</c>.</summary>
    public string Describe() => Kind switch
    {
        OriginKind.File => "file",
        OriginKind.Preset => $"preset {Detail}",
        OriginKind.Default => "default",
        OriginKind.Override => "--set",
        OriginKind.Sweep => $"sweep {Detail}",
        OriginKind.Plan => "plan",
        _ => Kind.ToString(),
    };
}

/// <summary>A node of a parsed YAML document, with the position it was read from.</summary>
internal abstract class YNode
{
    protected YNode(Origin origin, int line, int column)
    {
        Origin = origin;
        Line = line;
        Column = column;
    }

    public Origin Origin { get; set; }

    /// <summary>1-based line (0 when the node has no position, e.g. a default).</summary>
    public int Line { get; set; }

    /// <summary>1-based column.</summary>
    public int Column { get; set; }

    public abstract YNode Clone();

    /// <summary>Gives this node and every node below it another origin and position.</summary>
    public void Restamp(Origin origin, int line, int column)
    {
        Origin = origin;
        Line = line;
        Column = column;
        switch (this)
        {
            case YMapping map:
                foreach (YEntry e in map.Entries)
                {
                    e.Key.Restamp(origin, line, column);
                    e.Value.Restamp(origin, line, column);
                }

                break;
            case YSequence seq:
                foreach (YNode item in seq.Items)
                {
                    item.Restamp(origin, line, column);
                }

                break;
        }
    }
}

/// <summary>A scalar: its text exactly as written and whether it was quoted.</summary>
internal sealed class YScalar : YNode
{
    public YScalar(string text, bool quoted, Origin origin, int line, int column)
        : base(origin, line, column)
    {
        Text = text;
        Quoted = quoted;
    }

    public string Text { get; }

    /// <summary>Quoted or block scalars are strings; plain ones may be numbers, booleans or null.</summary>
    public bool Quoted { get; }

    /// <summary>The parsed value, set by validation.</summary>
    public object? Value { get; set; }

    /// <summary>Text to write in the resolved YAML instead of <see cref="Text"/> (e.g. an absolute path).</summary>
    public string? Canonical { get; set; }

    /// <summary>True for a plain <c>null</c>, <c>~</c> or empty scalar.</summary>
    public bool IsNull => !Quoted && Text is "" or "~" or "null" or "Null" or "NULL";

    public override YNode Clone() => new YScalar(Text, Quoted, Origin, Line, Column) { Canonical = Canonical };
}

/// <summary>A sequence of nodes.</summary>
internal sealed class YSequence : YNode
{
    public YSequence(Origin origin, int line, int column, bool flow)
        : base(origin, line, column) => Flow = flow;

    public List<YNode> Items { get; } = [];

    public bool Flow { get; }

    public override YNode Clone()
    {
        var copy = new YSequence(Origin, Line, Column, Flow);
        copy.Items.AddRange(Items.Select(i => i.Clone()));
        return copy;
    }
}

/// <summary>One key/value pair of a mapping.</summary>
internal sealed class YEntry(YScalar key, YNode value)
{
    public YScalar Key { get; } = key;

    public YNode Value { get; set; } = value;
}

/// <summary>A mapping, in the order the keys were written.</summary>
internal sealed class YMapping : YNode
{
    public YMapping(Origin origin, int line, int column)
        : base(origin, line, column)
    {
    }

    public List<YEntry> Entries { get; } = [];

    public YEntry? Find(string key)
    {
        for (int i = 0; i < Entries.Count; i++)
        {
            if (Entries[i].Key.Text == key)
            {
                Loading.LoadWork.Add(i + 1);
                return Entries[i];
            }
        }

        Loading.LoadWork.Add(Entries.Count);
        return null;
    }

    public YNode? Get(string key) => Find(key)?.Value;

    public void Set(string key, YNode value)
    {
        YEntry? e = Find(key);
        if (e is null)
        {
            Entries.Add(new YEntry(new YScalar(key, false, value.Origin, value.Line, value.Column), value));
        }
        else
        {
            e.Value = value;
        }
    }

    public void Remove(string key) => Entries.RemoveAll(e => e.Key.Text == key);

    public override YNode Clone()
    {
        var copy = new YMapping(Origin, Line, Column);
        foreach (YEntry e in Entries)
        {
            copy.Entries.Add(new YEntry((YScalar)e.Key.Clone(), e.Value.Clone()));
        }

        return copy;
    }
}
