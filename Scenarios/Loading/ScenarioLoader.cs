using System.Globalization;
using System.Security.Cryptography;
using LookoutSim.Scenarios.Loading;
using LookoutSim.Scenarios.Schema;
using LookoutSim.Scenarios.Yaml;

namespace LookoutSim.Scenarios;

/// <summary>
/// Loads scenario files: read (bounded) → parse YAML with positions → apply the provider preset,
/// <c>--set</c> overrides and defaults → validate everything → build the frozen records. Never
/// throws for bad input: every problem becomes a <see cref="Diagnostic"/>.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>
    /// Loads <paramref name="path"/> with <c>--set path=value</c> <paramref name="overrides"/>.
    /// Relative trace files are found beside the scenario file.
    /// </summary>
    public static ScenarioLoadResult LoadFile(string path, IReadOnlyList<string>? overrides = null)
    {
        var diagnostics = new List<Diagnostic>();
        byte[]? bytes = null;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                diagnostics.Add(FileProblem(path, Directory.Exists(path) ? "is a folder, not a scenario file" : "does not exist"));
            }
            else
            {
                // Read at most one byte past the limit: a device (/dev/zero) or a growing file
                // reports a length that cannot be trusted.
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
                bytes = ReadBounded(stream, YamlTreeReader.MaxBytes, out bool tooLarge);
                if (tooLarge)
                {
                    long length = stream.CanSeek ? stream.Length : 0;
                    string size = length > YamlTreeReader.MaxBytes ? string.Create(CultureInfo.InvariantCulture, $"is {length / 1e6:0.0} MB") : "is too large";
                    diagnostics.Add(FileProblem(path, string.Create(CultureInfo.InvariantCulture, $"{size}; scenario files are limited to {YamlTreeReader.MaxBytes / 1024 / 1024} MiB")) with { Line = 1, Column = 1 });
                    bytes = null;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Add(FileProblem(path, "cannot be read: " + ex.Message));
        }

        if (bytes is null)
        {
            return new ScenarioLoadResult(path, string.Empty, null, diagnostics, null, null);
        }

        string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        string? text = YamlTreeReader.DecodeText(bytes, path, diagnostics);
        if (text is null)
        {
            return new ScenarioLoadResult(path, sha, null, diagnostics, null, null);
        }

        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        return Load(text, path, dir, overrides ?? [], sha, diagnostics);
    }

    /// <summary>
    /// Gets the YAML reader ready ahead of a load (<see cref="YamlTreeReader.Prepare"/>), for a
    /// thread that has nothing else to do while the command line is set up; loads nothing.
    /// </summary>
    public static void Prepare() => YamlTreeReader.Prepare();

    /// <summary>
    /// Loads scenario <paramref name="text"/>, reported as <paramref name="displayName"/>; relative
    /// trace files are found in <paramref name="baseDirectory"/> (the current folder when null).
    /// </summary>
    public static ScenarioLoadResult LoadText(string text, string displayName, string? baseDirectory = null, IReadOnlyList<string>? overrides = null)
    {
        string sha = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        return Load(text, displayName, baseDirectory, overrides ?? [], sha, []);
    }

    private static byte[] ReadBounded(Stream stream, long limit, out bool tooLarge)
    {
        if (stream.CanSeek && stream.Length > limit)
        {
            tooLarge = true;
            return [];
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                tooLarge = true;
                return [];
            }
        }

        tooLarge = false;
        return buffer.ToArray();
    }

    private static Diagnostic FileProblem(string path, string what) =>
        new() { File = path, Line = 0, Column = 0, Path = string.Empty, Message = $"{path} {what}" };

    private static ScenarioLoadResult Load(string text, string displayName, string? baseDirectory, IReadOnlyList<string> overrides, string sha, List<Diagnostic> diagnostics)
    {
        YNode? root = YamlTreeReader.Read(text, displayName, new Origin(OriginKind.File, displayName), diagnostics);
        if (root is null)
        {
            return new ScenarioLoadResult(displayName, sha, null, diagnostics, null, null);
        }

        if (root is YScalar { IsNull: true, Text: "" })
        {
            diagnostics.Add(new Diagnostic
            {
                File = displayName,
                Line = 1,
                Column = 1,
                Path = string.Empty,
                Message = "file is empty; a scenario needs at least name, horizon, service, traffic and deployment.min_units",
            });
            return new ScenarioLoadResult(displayName, sha, null, diagnostics, null, null);
        }

        if (root is not YMapping map)
        {
            string found = root is YSequence ? "a list" : "a single value";
            diagnostics.Add(new Diagnostic
            {
                File = displayName,
                Line = root.Line,
                Column = root.Column,
                Path = string.Empty,
                Message = $"this is not a scenario: expected a mapping of keys (name:, horizon:, traffic:, …), found {found}",
                Value = (root as YScalar)?.Text is { } t ? SchemaValidator.Shorten(t) : null,
            });
            return new ScenarioLoadResult(displayName, sha, null, diagnostics, null, null);
        }

        var input = new LoadInput((YMapping)map.Clone(), displayName, baseDirectory, overrides);
        return Resolve(input, [], sha, diagnostics);
    }

    /// <summary>
    /// Puts the preset's uncertainty ranges into the tree (origin preset) for the fields the file's
    /// <c>uncertainty:</c> does not name; none with <c>uncertainty: none</c>. Its <c>service.*</c>
    /// ranges apply only when the service model is the preset's (no <c>service</c> section in the file).
    /// </summary>
    private static void AddPresetRanges(YMapping root, ProviderPreset preset)
    {
        YNode? section = root.Get("uncertainty");
        if (preset.Uncertainty.IsEmpty || section is YScalar { Text: "none", Quoted: false } || (section is not null && section is not YMapping && section is not YScalar { IsNull: true }))
        {
            return;
        }

        bool ownService = root.Get("service") is { Origin.Kind: not OriginKind.Preset };
        var origin = new Origin(OriginKind.Preset, "preset " + preset.Name, preset.Name);
        var map = section as YMapping;
        foreach (PresetRange r in preset.Uncertainty)
        {
            if ((ownService && r.Path.StartsWith("service.", StringComparison.Ordinal)) || map?.Find(r.Path) is not null)
            {
                continue;
            }

            if (map is null)
            {
                map = new YMapping(origin, 0, 0);
                root.Set("uncertainty", map);
            }

            YNode value = r.Range.StartsWith('[')
                ? SchemaValidator.ParseDefault(r.Range)
                : new YScalar(r.Range, false, origin, 0, 0);
            value.Restamp(origin, 0, 0);
            map.Entries.Add(new YEntry(new YScalar(r.Path, false, origin, 0, 0), value));
        }
    }

    /// <summary>Applies preset, overrides (then <paramref name="extra"/>), defaults; validates; builds.</summary>
    internal static ScenarioLoadResult Resolve(LoadInput input, IReadOnlyList<(string Path, string Value, Origin Origin)> extra, string sha, List<Diagnostic> diagnostics, bool dropSweep = false)
    {
        var root = (YMapping)input.Root.Clone();
        var parsed = new List<(List<PathSegment> Path, YNode Value, string Text)>();
        var validator = new SchemaValidator(diagnostics);
        foreach (string arg in input.Overrides)
        {
            var origin = new Origin(OriginKind.Override, "--set " + arg);
            if (Overrides.TryParse(arg, origin, validator, out List<PathSegment>? path, out YNode? value))
            {
                parsed.Add((path!, value!, arg));
            }
        }

        foreach ((string p, string v, Origin o) in extra)
        {
            if (Overrides.TryParse(p + "=" + v, o, validator, out List<PathSegment>? path, out YNode? value))
            {
                parsed.Add((path!, value!, p + "=" + v));
            }
        }

        // The provider may itself be overridden.
        string? provider = root.Get("provider") is YScalar ps ? ps.Text : null;
        foreach (var o in parsed)
        {
            if (o.Path is [{ Key: "provider", Selector: null }] && o.Value is YScalar pv)
            {
                provider = pv.Text;
            }
        }

        if (provider is not null && ProviderPresets.Find(provider) is { } preset)
        {
            bool hasService = root.Get("service") is not null;
            foreach (PresetValue pv in preset.Values)
            {
                if (hasService && pv.Path.StartsWith("service.", StringComparison.Ordinal))
                {
                    continue;
                }

                if (!PathSegment.TryParse(pv.Path, out List<PathSegment> segs) || Overrides.Exists(root, segs))
                {
                    continue;
                }

                var origin = new Origin(OriginKind.Preset, "preset " + preset.Name, preset.Name);
                YNode value = Overrides.ValueNode(pv.Value, origin, validator, pv.Path)!;
                Overrides.Apply(root, segs, value, validator, pv.Path);
            }
        }

        foreach (var o in parsed)
        {
            Overrides.Apply(root, o.Path, o.Value, validator, o.Text);
        }

        if (provider is not null && ProviderPresets.Find(provider) is { } rangesOf)
        {
            AddPresetRanges(root, rangesOf);
        }

        if (dropSweep)
        {
            // A sweep point is a single scenario (overrides of sweep.* were for the whole sweep).
            root.Remove("sweep");
        }

        validator.Validate(root, ScenarioSchema.Root, string.Empty);
        Scenario scenario = new ScenarioBuilder(diagnostics, input.BaseDirectory).Build(root);
        if (dropSweep)
        {
            scenario = scenario with { Sweep = null };
        }

        bool valid = !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        return new ScenarioLoadResult(input.DisplayName, sha, valid ? scenario : null, diagnostics, valid ? root : null, input);
    }
}
