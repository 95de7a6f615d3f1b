using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LookoutSim.Scenarios.Loading;
using LookoutSim.Scenarios.Schema;
using LookoutSim.Scenarios.Yaml;

namespace LookoutSim.Scenarios;

/// <summary>Expands a scenario's <c>sweep</c> into points.</summary>
public static class SweepExpander
{
    /// <summary>
    /// The points of <paramref name="loaded"/>'s sweep: the cartesian product of the lists (the last
    /// list varies fastest), or with <c>mode: zip</c> the i-th values together. A scenario without a
    /// sweep gives one point, <c>p1</c>, with no parameters. Diagnostics of a point (a swept value
    /// that clashes with another field, e.g. min_units above max_units) are returned in
    /// <paramref name="diagnostics"/>, and that point is left out.
    /// </summary>
    public static IReadOnlyList<ExpandedPoint> Expand(ScenarioLoadResult loaded, out IReadOnlyList<Diagnostic> diagnostics)
    {
        if (loaded.Scenario is null || loaded.Input is null)
        {
            throw new ArgumentException("the scenario has errors; fix them before expanding its sweep", nameof(loaded));
        }

        var problems = new List<Diagnostic>();
        diagnostics = problems;
        SweepSpec? sweep = loaded.Scenario.Sweep;
        if (sweep is null || sweep.Parameters.IsEmpty)
        {
            ScenarioLoadResult single = ScenarioLoader.Resolve(loaded.Input, [], loaded.Sha256, [], dropSweep: true);
            return [new ExpandedPoint { Id = "p1", Index = 1, Parameters = [], Scenario = single.Scenario!, ResolvedYaml = single.ToResolvedYaml() }];
        }

        if (SetsOfSweptFields(loaded.Input, sweep) is { Count: > 0 } clashes)
        {
            problems.AddRange(clashes);
            return [];
        }

        List<string[]> combos = Combine(sweep);
        int width = Math.Max(2, combos.Count.ToString(CultureInfo.InvariantCulture).Length);
        var labels = Labels(sweep);
        var points = new List<ExpandedPoint>();
        for (int i = 0; i < combos.Count; i++)
        {
            string[] values = combos[i];
            var extra = new List<(string, string, Origin)>();
            var parameters = new List<KeyValuePair<string, string>>();
            var id = new StringBuilder("p").Append((i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
            for (int k = 0; k < values.Length; k++)
            {
                string path = sweep.Parameters[k].Path;
                extra.Add((path, Quote(values[k]), new Origin(OriginKind.Sweep, "sweep " + path, path)));
                parameters.Add(new(path, values[k]));
                id.Append('-').Append(labels[k]).Append('=').Append(Sanitize(values[k]));
            }

            var pointDiagnostics = new List<Diagnostic>();
            ScenarioLoadResult point = ScenarioLoader.Resolve(loaded.Input, extra, loaded.Sha256, pointDiagnostics, dropSweep: true);
            string name = BoundedId(id.ToString());
            if (point.Scenario is null)
            {
                problems.AddRange(pointDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d with { Message = $"sweep point {name}: {d.Message}" }));
                continue;
            }

            points.Add(new ExpandedPoint
            {
                Id = name,
                Index = i + 1,
                Parameters = EquatableArray.From(parameters),
                Scenario = point.Scenario,
                ResolvedYaml = point.ToResolvedYaml(),
            });
        }

        return points;
    }

    /// <summary>
    /// A <c>--set</c> of a field the sweep varies would be replaced at every point, silently: each is an
    /// error at the sweep entry that varies it (its file:line:column), naming the <c>--set</c>.
    /// </summary>
    private static List<Diagnostic> SetsOfSweptFields(LoadInput input, SweepSpec sweep)
    {
        var problems = new List<Diagnostic>();
        var file = input.Root.Get("sweep") as YMapping;
        foreach (string arg in input.Overrides)
        {
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !PathSegment.TryParse(arg[..eq].Trim(), out List<PathSegment> set))
            {
                continue;
            }

            foreach (SweepParameter p in sweep.Parameters)
            {
                if (!PathSegment.TryParse(p.Path, out List<PathSegment> swept) || !set.SequenceEqual(swept))
                {
                    continue;
                }

                YEntry? entry = file?.Entries.FirstOrDefault(e => e.Key.Text == p.Path);
                problems.Add(new Diagnostic
                {
                    File = entry is null ? "--set " + arg : input.DisplayName,
                    Line = entry?.Key.Line ?? 0,
                    Column = entry?.Key.Column ?? 0,
                    Path = "sweep." + p.Path,
                    Value = arg,
                    Message = $"--set {arg} sets a field this sweep varies (sweep.{p.Path}), so every point would replace it and the --set would be ignored; " +
                        $"remove the --set, or set the swept values instead: --set 'sweep.{p.Path}=[…]'",
                });
            }
        }

        return problems;
    }

    /// <summary>Longest point id, in characters: an id names the point's results folder.</summary>
    public const int MaxIdLength = 100;

    /// <summary>
    /// An id of at most <see cref="MaxIdLength"/> characters: a longer one (long values, many
    /// parameters) keeps its start and ends in a digest of the whole, so it stays unique and the same on every run.
    /// </summary>
    private static string BoundedId(string id)
    {
        if (id.Length <= MaxIdLength)
        {
            return id;
        }

        string digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..16];
        return id[..(MaxIdLength - digest.Length - 1)] + "-" + digest;
    }

    internal static string Quote(string value) =>
        value.Length > 0 && value[0] is '"' or '\'' or '[' or '{' ? "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : value;

    private static List<string[]> Combine(SweepSpec sweep)
    {
        var lists = sweep.Parameters.Select(p => p.Values.ToArray()).ToList();
        var result = new List<string[]>();
        if (sweep.Mode == SweepMode.Zip)
        {
            int n = lists.Min(l => l.Length);
            for (int i = 0; i < n; i++)
            {
                result.Add([.. lists.Select(l => l[i])]);
            }

            return result;
        }

        result.Add([]);
        foreach (string[] list in lists)
        {
            result = [.. result.SelectMany(prefix => list.Select(v => (string[])[.. prefix, v]))];
        }

        return result;
    }

    /// <summary>The last path segment names a parameter, unless two parameters share it (then the whole path).</summary>
    private static List<string> Labels(SweepSpec sweep)
    {
        var last = sweep.Parameters.Select(p => p.Path[(p.Path.LastIndexOf('.') + 1)..]).ToList();
        return [.. last.Select((l, i) => last.Count(x => x == l) > 1 ? sweep.Parameters[i].Path : l).Select(Sanitize)];
    }

    private static string Sanitize(string text)
    {
        var sb = new StringBuilder();
        foreach (char c in text)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' ? c : '_');
        }

        return sb.ToString();
    }
}
