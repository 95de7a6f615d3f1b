namespace LookoutSim.Scenarios.Yaml;

/// <summary>
/// Explains a YAML syntax error in a planner's words and at the right place, when the parser's own
/// position and message would not: a tab in the indentation (the parser reports the line before, at
/// the end of its value) and a line indented deeper or shallower than its block (the parser says "did
/// not find expected key" or "found invalid mapping" somewhere after it).
/// </summary>
/// <remarks>
/// Used only once the parser has failed, on the lines up to just after the failure. It reads the block
/// layout line by line: comments and blank lines are skipped, and so are the bodies of block scalars
/// (<c>|</c>, <c>&gt;</c>) and of flow collections left open across lines.
/// </remarks>
internal static class YamlLayout
{
    /// <summary>A problem found: 1-based line and column, and what is wrong.</summary>
    internal readonly record struct Problem(int Line, int Column, string Message);

    /// <summary>The problem behind a parser error at <paramref name="errorLine"/>, or null when none is recognised.</summary>
    public static Problem? Explain(string text, int errorLine, string parserMessage)
    {
        string[] lines = text.Split('\n');
        if (parserMessage.Contains("tab", StringComparison.OrdinalIgnoreCase) && Tab(lines, errorLine) is { } tab)
        {
            return tab;
        }

        return Indentation(lines, errorLine);
    }

    /// <summary>The first tab in a line's indentation from <paramref name="fromLine"/> on (else the first tab at all from there).</summary>
    private static Problem? Tab(string[] lines, int fromLine)
    {
        int start = Math.Clamp(fromLine, 1, lines.Length) - 1;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = start; i < lines.Length; i++)
            {
                string line = lines[i];
                int lead = 0;
                while (lead < line.Length && line[lead] is ' ' or '\t')
                {
                    lead++;
                }

                int tab = pass == 0 ? line.IndexOf('\t', 0, lead) : line.IndexOf('\t', StringComparison.Ordinal);
                if (tab >= 0)
                {
                    return new Problem(i + 1, tab + 1, pass == 0
                        ? "a tab character indents this line; YAML indents with spaces only (replace the tab with spaces)"
                        : "a tab character here breaks the YAML layout; use spaces");
                }
            }
        }

        return null;
    }

    private static Problem? Indentation(string[] lines, int errorLine)
    {
        int last = Math.Min(lines.Length, Math.Max(1, errorLine) + 1);
        var levels = new List<(int Column, int Line)>();
        bool opens = true; // the first line may start anywhere
        int prevLine = 0;
        int scalarIndent = -1; // inside a block scalar whose key is indented this much
        int flowDepth = 0;
        for (int i = 0; i < last; i++)
        {
            string line = lines[i].TrimEnd('\r');
            string content = StripComment(line);
            if (content.Trim().Length == 0 || content.TrimStart().StartsWith("---", StringComparison.Ordinal) || content.TrimStart().StartsWith('%'))
            {
                continue;
            }

            int indent = content.Length - content.TrimStart(' ').Length;
            if (scalarIndent >= 0)
            {
                if (indent > scalarIndent)
                {
                    continue;
                }

                scalarIndent = -1;
            }

            if (flowDepth > 0)
            {
                flowDepth = Math.Max(0, flowDepth + Depth(content));
                continue;
            }

            if (content[indent] == '\t')
            {
                return null; // the tab rule above covers it
            }

            if (levels.Count == 0)
            {
                levels.Add((indent, i + 1));
            }
            else if (indent > levels[^1].Column)
            {
                if (!opens)
                {
                    (int column, _) = levels[^1];
                    return new Problem(i + 1, indent + 1,
                        $"this line is indented deeper (column {indent + 1}) than line {prevLine} (column {column + 1}), whose value is already given on its line; " +
                        "keys of one mapping start in the same column, and only a key ending in ':' opens a deeper block");
                }

                levels.Add((indent, i + 1));
            }
            else
            {
                (int Column, int Line) inner = levels[^1];
                while (levels.Count > 1 && levels[^1].Column > indent)
                {
                    inner = levels[^1];
                    levels.RemoveAt(levels.Count - 1);
                }

                if (levels[^1].Column != indent)
                {
                    (int column, int from) = levels[^1];
                    return new Problem(i + 1, indent + 1, inner.Column > indent
                        ? $"this line starts at column {indent + 1}, between the block at column {column + 1} (line {from}) and the one at column {inner.Column + 1} (line {inner.Line}); " +
                          "keys of one mapping start in the same column"
                        : $"this line starts at column {indent + 1}, but the block it belongs to starts at column {column + 1} (line {from}); keys of one mapping start in the same column");
                }
            }

            string rest = content[indent..].TrimEnd();
            prevLine = i + 1;
            if (rest.StartsWith("- ", StringComparison.Ordinal) || rest == "-")
            {
                // A list item: what follows the dash is a block at the dash's column + 2.
                string item = rest.Length > 1 ? rest[2..].TrimStart() : "";
                int itemColumn = indent + (rest.Length > 1 ? rest.Length - rest[2..].TrimStart().Length : 2);
                levels.Add((itemColumn, i + 1));
                rest = item;
                if (item.Length == 0)
                {
                    opens = true;
                    continue;
                }
            }

            flowDepth = Math.Max(0, Depth(rest));
            opens = rest.EndsWith(':');
            if (BlockScalar(rest))
            {
                scalarIndent = indent;
                opens = false;
            }
        }

        return null;
    }

    /// <summary>Whether a line's value starts a block scalar (<c>key: |</c>, <c>key: &gt;-</c>, …).</summary>
    private static bool BlockScalar(string rest)
    {
        int colon = rest.LastIndexOf(": ", StringComparison.Ordinal);
        string value = colon >= 0 ? rest[(colon + 2)..].Trim() : rest.Trim();
        return value.Length > 0 && value[0] is '|' or '>' && value[1..].All(c => c is '+' or '-' || char.IsAsciiDigit(c));
    }

    /// <summary>Open minus closed brackets and braces outside quotes.</summary>
    private static int Depth(string text)
    {
        int depth = 0;
        char quote = '\0';
        foreach (char c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    depth--;
                    break;
            }
        }

        return depth;
    }

    /// <summary>The line without a comment (a <c>#</c> at its start or after a space, outside quotes).</summary>
    private static string StripComment(string line)
    {
        char quote = '\0';
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'' && (i == 0 || line[i - 1] is ' ' or '[' or '{' or ',' or ':'))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] is ' ' or '\t'))
            {
                return line[..i];
            }
        }

        return line;
    }
}
