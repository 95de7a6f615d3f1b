using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LookoutSim.Scenarios.Yaml;

/// <summary>
/// Reads one YAML document into a <see cref="YNode"/> tree with positions, in bounded time and
/// memory: the text is limited in size before parsing, nesting depth and the number of nodes
/// (aliases counted as the copies they expand to) are limited while parsing. Repeated keys are
/// reported (the first value is kept). Never throws for bad input; problems become diagnostics.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>Largest scenario file read, in bytes (4 MiB; a scenario is a few KB).</summary>
    public const long MaxBytes = 4L * 1024 * 1024;

    /// <summary>Most nodes in a document, aliases expanded.</summary>
    public const int MaxNodes = 200_000;

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public const int MaxDepth = 64;

    /// <summary>Longest scalar, in characters.</summary>
    public const int MaxScalarLength = 100_000;

    /// <summary>
    /// Decodes <paramref name="bytes"/> as UTF-8 text, refusing binary data; null with a
    /// diagnostic when the bytes are not a text file.
    /// </summary>
    public static string? DecodeText(byte[] bytes, string file, List<Diagnostic> diagnostics)
    {
        if (bytes.LongLength > MaxBytes)
        {
            diagnostics.Add(FileError(file, string.Create(
                CultureInfo.InvariantCulture,
                $"file is {bytes.LongLength / 1e6:0.0} MB; scenario files are limited to {MaxBytes / 1024 / 1024} MiB")));
            return null;
        }

        int nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            diagnostics.Add(FileError(file, string.Create(
                CultureInfo.InvariantCulture, $"file is not a YAML text file (binary data: a NUL byte at offset {nul})")));
            return null;
        }

        try
        {
            string text = new UTF8Encoding(false, true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException ex)
        {
            diagnostics.Add(FileError(file, string.Create(
                CultureInfo.InvariantCulture, $"file is not a YAML text file (not UTF-8 at byte offset {ex.Index})")));
            return null;
        }
    }

    /// <summary>
    /// Parses a small document and drops it: the parser's first document builds a compiled
    /// regular expression (its tag directives), whose code generation costs 10–15 ms the first time
    /// in a process. Called on a spare core, that happens while the command line is still being
    /// set up, not while the scenario is read.
    /// </summary>
    public static void Prepare()
    {
        var parser = new Parser(new StringReader("name: prepare\nlist: [1, 2]\n"));
        while (parser.MoveNext())
        {
        }
    }

    /// <summary>
    /// Parses <paramref name="text"/>; returns the root node, or null (with diagnostics) when the
    /// text is empty, not YAML, or over a limit.
    /// </summary>
    public static YNode? Read(string text, string file, Origin origin, List<Diagnostic> diagnostics)
    {
        if (text.Length > MaxBytes)
        {
            diagnostics.Add(FileError(file, $"text is over {MaxBytes / 1024 / 1024} MiB; scenario files are limited to that"));
            return null;
        }

        var builder = new TreeBuilder(file, origin, diagnostics);
        Mark last = Mark.Empty;
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                last = parser.Current!.End;
                if (!builder.Accept(parser.Current!))
                {
                    return null;
                }
            }
        }
        catch (YamlException ex)
        {
            int line = checked((int)Math.Max(1, ex.Start.Line));
            YamlLayout.Problem? layout = YamlLayout.Explain(text, line, ex.Message);
            diagnostics.Add(new Diagnostic
            {
                File = file,
                Line = layout?.Line ?? line,
                Column = layout?.Column ?? checked((int)Math.Max(1, ex.Start.Column)),
                Path = string.Empty,
                Message = "YAML syntax error: " + (layout?.Message ?? CleanMessage(ex.Message)),
            });
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            // The YAML library fails this way on some malformed input (e.g. an unclosed flow list at
            // the end of the text); report it where reading stopped.
            diagnostics.Add(new Diagnostic
            {
                File = file,
                Line = (int)Math.Clamp(last.Line, 1, int.MaxValue),
                Column = (int)Math.Clamp(last.Column, 1, int.MaxValue),
                Path = string.Empty,
                Message = "YAML syntax error: the text cannot be read after this point (an unclosed [ or { or quote?)",
            });
            return null;
        }

        if (builder.Root is null)
        {
            diagnostics.Add(FileError(file, "file is empty; a scenario needs at least name, horizon, service, traffic and deployment.min_units"));
        }

        return builder.Root;
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is ours to print.
        int cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        string m = cut >= 0 && message.StartsWith("(Line:", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
        return m.Trim().TrimEnd('.');
    }

    private static Diagnostic FileError(string file, string message) =>
        new() { File = file, Line = 1, Column = 1, Path = string.Empty, Message = message };

    private sealed class TreeBuilder(string file, Origin origin, List<Diagnostic> diagnostics)
    {
        private readonly Stack<Frame> stack = new();
        private readonly Dictionary<string, YNode> anchors = new(StringComparer.Ordinal);
        private int nodes;
        private int documents;

        public YNode? Root { get; private set; }

        public bool Accept(ParsingEvent e)
        {
            switch (e)
            {
                case StreamStart or StreamEnd or DocumentEnd or Comment:
                    return true;
                case DocumentStart:
                    documents++;
                    if (documents > 1)
                    {
                        Error(e.Start, "a scenario file holds one YAML document; found a second one (---)");
                        return false;
                    }

                    return true;
                case Scalar s:
                    if (s.Value.Length > MaxScalarLength)
                    {
                        Error(e.Start, string.Create(CultureInfo.InvariantCulture, $"a value of {s.Value.Length} characters is over the limit of {MaxScalarLength}"));
                        return false;
                    }

                    return Add(new YScalar(s.Value, s.Style != ScalarStyle.Plain || IsStringTag(s.Tag), origin, L(e), C(e)), s.Anchor, e, 1);
                case SequenceStart ss:
                    return Push(new YSequence(origin, L(e), C(e), ss.Style == SequenceStyle.Flow), ss.Anchor, e);
                case MappingStart ms:
                    return Push(new YMapping(origin, L(e), C(e)), ms.Anchor, e);
                case SequenceEnd or MappingEnd:
                    Frame done = stack.Pop();
                    return Add(done.Node, done.Anchor, e, 0);
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out YNode? target))
                    {
                        Error(e.Start, $"alias *{alias.Value.Value} names no anchor defined before it");
                        return false;
                    }

                    int weight = Count(target);
                    if (weight > MaxNodes - nodes)
                    {
                        Error(e.Start, string.Create(CultureInfo.InvariantCulture, $"aliases expand to more than {MaxNodes} nodes (an alias bomb?); the file is refused"));
                        return false;
                    }

                    // An alias of a nested value nests it again: the copy counts towards the depth.
                    if (stack.Count + Depth(target) > MaxDepth + 1)
                    {
                        Error(e.Start, string.Create(CultureInfo.InvariantCulture, $"nesting deeper than {MaxDepth} levels (aliases expanded); the file is refused"));
                        return false;
                    }

                    YNode copy = target.Clone();
                    copy.Line = L(e);
                    copy.Column = C(e);
                    return Add(copy, AnchorName.Empty, e, weight);
                default:
                    return true;
            }
        }

        private static bool IsStringTag(TagName tag) => !tag.IsEmpty && tag.Value == "tag:yaml.org,2002:str";

        private static int L(ParsingEvent e) => (int)Math.Min(int.MaxValue, e.Start.Line);

        private static int C(ParsingEvent e) => (int)Math.Min(int.MaxValue, e.Start.Column);

        private static int Count(YNode node) => node switch
        {
            YMapping m => 1 + m.Entries.Sum(en => 1 + Count(en.Value)),
            YSequence s => 1 + s.Items.Sum(Count),
            _ => 1,
        };

        /// <summary>Levels of <paramref name="node"/>: 1 for a scalar or an empty collection.</summary>
        private static int Depth(YNode node) => node switch
        {
            YMapping { Entries.Count: > 0 } m => 1 + m.Entries.Max(en => Depth(en.Value)),
            YSequence { Items.Count: > 0 } s => 1 + s.Items.Max(Depth),
            _ => 1,
        };

        private bool Push(YNode node, AnchorName anchor, ParsingEvent e)
        {
            if (stack.Count >= MaxDepth)
            {
                Error(e.Start, string.Create(CultureInfo.InvariantCulture, $"nesting deeper than {MaxDepth} levels; the file is refused"));
                return false;
            }

            stack.Push(new Frame(node, anchor, ChildPath()));
            return CountNodes(1, e);
        }

        private string ChildPath()
        {
            if (stack.Count == 0)
            {
                return string.Empty;
            }

            Frame parent = stack.Peek();
            return parent.Node switch
            {
                YSequence seq => string.Create(CultureInfo.InvariantCulture, $"{parent.Path}[{seq.Items.Count}]"),
                _ when parent.PendingKey is { } key => parent.Path.Length == 0 ? key.Text : parent.Path + "." + key.Text,
                _ => parent.Path,
            };
        }

        private bool CountNodes(int weight, ParsingEvent e)
        {
            nodes += weight;
            if (nodes > MaxNodes)
            {
                Error(e.Start, string.Create(CultureInfo.InvariantCulture, $"more than {MaxNodes} nodes (aliases expanded); the file is refused"));
                return false;
            }

            return true;
        }

        private bool Add(YNode node, AnchorName anchor, ParsingEvent e, int weight)
        {
            if (weight > 0 && !CountNodes(weight, e))
            {
                return false;
            }

            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = node;
            }

            if (stack.Count == 0)
            {
                Root = node;
                return true;
            }

            Frame parent = stack.Peek();
            switch (parent.Node)
            {
                case YSequence seq:
                    seq.Items.Add(node);
                    break;
                case YMapping map when parent.PendingKey is null:
                    if (node is not YScalar key)
                    {
                        Error(e.Start, "a key must be a plain name, not a list or mapping");
                        return false;
                    }

                    parent.PendingKey = key;
                    break;
                case YMapping map:
                    YScalar k = parent.PendingKey!;
                    parent.PendingKey = null;
                    Loading.LoadWork.Add(1);
                    if (parent.Keys.TryGetValue(k.Text, out YScalar? first))
                    {
                        string path = parent.Path.Length == 0 ? k.Text : parent.Path + "." + k.Text;
                        diagnostics.Add(new Diagnostic
                        {
                            File = file,
                            Line = k.Line,
                            Column = k.Column,
                            Path = path,
                            Value = k.Text,
                            Message = string.Create(CultureInfo.InvariantCulture, $"{path} is given twice (first at line {first.Line}); give each key once"),
                        });
                    }
                    else
                    {
                        parent.Keys.Add(k.Text, k);
                        map.Entries.Add(new YEntry(k, node));
                    }

                    break;
            }

            return true;
        }

        private void Error(Mark mark, string message) => diagnostics.Add(new Diagnostic
        {
            File = file,
            Line = (int)Math.Max(1, mark.Line),
            Column = (int)Math.Max(1, mark.Column),
            Path = string.Empty,
            Message = message,
        });

        private sealed class Frame(YNode node, AnchorName anchor, string path)
        {
            private Dictionary<string, YScalar>? keys;

            public string Path { get; } = path;

            public YNode Node { get; } = node;

            public AnchorName Anchor { get; } = anchor;

            public YScalar? PendingKey { get; set; }

            /// <summary>The keys of a mapping read so far, to find a repeated one without a pass over the mapping.</summary>
            public Dictionary<string, YScalar> Keys => keys ??= new(StringComparer.Ordinal);
        }
    }
}
