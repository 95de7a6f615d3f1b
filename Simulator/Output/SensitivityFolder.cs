using System.Globalization;
using System.Text;
using System.Text.Json;
using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>
/// Writes and merges a sensitivity folder. A whole run's folder holds <c>sensitivity.json</c> (the
/// design and every point's key measures in every replication: <see cref="SensitivityData"/>),
/// <c>sensitivity.csv</c> and <c>uncertainty.csv</c> (<see cref="SensitivityCsv"/>), the charts in
/// <c>plots/</c> (<see cref="SensitivityCharts"/>) and <c>sensitivity.html</c>
/// (<see cref="SensitivityReport"/>), all drawn from the data. A shard's folder holds its points'
/// <c>sensitivity.json</c> and <c>shard.json</c>; <see cref="Merge"/> joins the shards' data and
/// draws the same files from it, so shards merged give the bytes the whole run writes. Everything
/// goes to a temporary folder renamed into place when complete (<see cref="SweepStaging"/>).
/// </summary>
public static class SensitivityFolder
{
    /// <summary>The data file's name.</summary>
    public const string DataFile = "sensitivity.json";

    /// <summary>The kind written in the folder's manifest.</summary>
    public const string Kind = "sensitivity";

    /// <summary>Checks <paramref name="target"/> and opens the temporary folder the run is written into; nothing is run here.</summary>
    /// <param name="target">The output folder.</param>
    /// <param name="force">Replace an existing folder LookoutSim wrote.</param>
    /// <param name="inputs">The files the run reads (never replaced).</param>
    /// <exception cref="SweepFolderExistsException">When the target exists and <paramref name="force"/> is false.</exception>
    public static SensitivityFolderWriter Begin(string target, bool force, IReadOnlyList<string> inputs) =>
        new(SweepStaging.Begin(target, force, Kind, inputs, 64));

    /// <summary>Writes the files of a whole run drawn from <paramref name="data"/> into <paramref name="folder"/>; returns the analysis.</summary>
    public static SensitivityResult WriteWhole(SensitivityData data, string folder)
    {
        SensitivityResult result = SensitivityAnalysis.Analyze(data);
        WriteData(data, folder);
        SensitivityCsv.Write(result, folder);
        SensitivityCharts.Draw(result, Path.Combine(folder, "plots"));
        SensitivityReport.Write(result, folder);
        return result;
    }

    /// <summary>
    /// Reads back the whole-run data of the sensitivity folder <paramref name="folder"/>, for
    /// <c>plot</c> and <c>report</c>; null when the folder has no <c>sensitivity.json</c>.
    /// </summary>
    /// <exception cref="OutputException">A shard's folder (merge the shards first), or a data file that is not whole.</exception>
    public static SensitivityData? Read(string folder)
    {
        string path = Path.Combine(folder, DataFile);
        if (!File.Exists(path))
        {
            return null;
        }

        if (File.Exists(Path.Combine(folder, "shard.json")))
        {
            throw new OutputException($"'{OutputFolder.Shown(folder)}' is one shard of a sensitivity run: join the shards with 'lookoutsim merge' first, then draw the merged folder");
        }

        SensitivityData? data;
        try
        {
            data = JsonOutput.Deserialize<SensitivityData>(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (JsonException ex)
        {
            throw new OutputException($"{OutputFolder.Shown(path)}: not a {DataFile} written by lookoutsim sensitivity ({OutputFolder.Shown(ex.Message)})", ex);
        }

        if (data is null || data.Points is null || data.Fields is null || data.Measures is null || data.Slo is null || data.Scenario is null || data.Currency is null)
        {
            throw new OutputException($"{OutputFolder.Shown(path)}: not a {DataFile} written by lookoutsim sensitivity");
        }

        string? shape = Shape(data);
        if (shape is not null)
        {
            throw new OutputException($"{OutputFolder.Shown(path)}: not a {DataFile} written by lookoutsim sensitivity ({shape})");
        }

        IReadOnlyList<string> problems = Problems(data, OutputFolder.Shown(path));
        if (problems.Count > 0)
        {
            throw new OutputException(string.Join("; ", problems.Take(5)) + (problems.Count > 5 ? $" (and {problems.Count - 5} more)" : ""));
        }

        return data;
    }

    /// <summary>
    /// What makes data read from a file unusable before its design is checked: counts out of the
    /// range <c>sensitivity</c> writes, missing entries, measures it does not write; null when none.
    /// </summary>
    private static string? Shape(SensitivityData data)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        if (data.Samples is < 0 or > MaxSamples)
        {
            return string.Create(c, $"samples {data.Samples}, not 0 to {MaxSamples}");
        }

        if (data.Replications is < 1 or > MaxReplications)
        {
            return string.Create(c, $"replications {data.Replications}, not 1 to {MaxReplications}");
        }

        if (data.Fields.Count > MaxFields || data.Fields.Any(f => f is null || f.Path is null || f.Nominal is null || f.Low is null || f.High is null || f.Source is null))
        {
            return "a field missing or incomplete";
        }

        if (data.Measures.Count == 0 || data.Measures.Any(m => m is null || !KeyMeasures.All.Any(k => k.Name == m)))
        {
            return "measures missing or not ones sensitivity writes";
        }

        if (data.Points.Any(p => p is null || p.Id is null || p.Values is null || p.Values.Any(v => v is null || v.Path is null || v.Value is null)))
        {
            return "a point missing or incomplete";
        }

        return null;
    }

    /// <summary>The most sample points <c>sensitivity --samples</c> takes.</summary>
    private const int MaxSamples = 10_000;

    /// <summary>Bounds for data read back: more replications or fields than any run could have written.</summary>
    private const int MaxReplications = 100_000;

    private const int MaxFields = 10_000;

    /// <summary>Writes <c>sensitivity.json</c>.</summary>
    public static void WriteData(SensitivityData data, string folder) =>
        File.WriteAllText(Path.Combine(folder, DataFile), JsonOutput.Serialize(data) + "\n", new UTF8Encoding(false));

    /// <summary>
    /// Joins shard folders (each written by <c>sensitivity --shard K/N</c>) into <paramref name="target"/>.
    /// </summary>
    /// <exception cref="SweepMergeException">With every problem found, before anything is written.</exception>
    /// <exception cref="SweepFolderExistsException">When the target exists and <paramref name="force"/> is false.</exception>
    public static SensitivityResult Merge(IReadOnlyList<string> shardFolders, string target, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shardFolders);
        var problems = new List<string>();
        var shards = new List<(string Folder, ShardManifest Manifest, SensitivityData Data)>();
        foreach (string folder in shardFolders)
        {
            if (!Directory.Exists(folder))
            {
                problems.Add($"{folder}: no such folder");
                continue;
            }

            try
            {
                ShardManifest? m = SweepFolder.ReadManifest(folder);
                if (m is null)
                {
                    problems.Add($"{folder}: not a shard folder (no shard.json; was it run with --shard?)");
                    continue;
                }

                if (m.Kind != ShardManifest.SensitivityKind)
                {
                    problems.Add($"{folder}: a {m.Kind} shard, not a sensitivity shard");
                    continue;
                }

                string file = Path.Combine(folder, DataFile);
                SensitivityData? data = File.Exists(file) ? JsonOutput.Deserialize<SensitivityData>(File.ReadAllText(file)) : null;
                if (data is null)
                {
                    problems.Add($"{folder}: {DataFile} is missing");
                    continue;
                }

                shards.Add((folder, m, data));
            }
            catch (JsonException ex)
            {
                problems.Add($"{folder}: shard.json or {DataFile} is not valid ({ex.Message})");
            }
        }

        if (problems.Count == 0)
        {
            problems.AddRange(ShardManifest.Problems([.. shards.Select(s => (s.Folder, s.Manifest))]));
        }

        if (problems.Count == 0)
        {
            SensitivityData first = shards[0].Data;
            foreach ((string folder, ShardManifest m, SensitivityData data) in shards)
            {
                if (!SameDesign(first, data))
                {
                    problems.Add($"{folder}/{DataFile}: a different design than {shards[0].Folder} (scenario, seed, replications, fields or samples differ)");
                }
                else if (!data.Points.Select(p => p.Index).SequenceEqual(m.Points.Select(p => p.Index)))
                {
                    problems.Add($"{folder}/{DataFile}: its points are not those shard.json lists");
                }
            }
        }

        SensitivityData? whole = null;
        if (problems.Count == 0)
        {
            whole = shards[0].Data with { Points = [.. shards.SelectMany(s => s.Data.Points).OrderBy(p => p.Index)] };
            problems.AddRange(Problems(whole, DataFile));
        }

        if (problems.Count > 0)
        {
            throw new SweepMergeException(problems);
        }

        using var staging = SweepStaging.Begin(target, force, Kind, shardFolders, 64);
        cancellationToken.ThrowIfCancellationRequested();
        SensitivityResult result = WriteWhole(whole!, staging.Path);
        staging.Commit();
        return result;
    }

    /// <summary>
    /// What is wrong with whole-run data: points missing, repeated or misnamed, or a point whose
    /// replications do not match the measures and the replication count. Empty when it is whole.
    /// </summary>
    public static IReadOnlyList<string> Problems(SensitivityData data, string source)
    {
        ArgumentNullException.ThrowIfNull(data);
        CultureInfo c = CultureInfo.InvariantCulture;
        var problems = new List<string>();
        IReadOnlyList<string> ids = data.PointIds();
        if (data.Points.Count != ids.Count || data.Points.Select(p => p.Index).Where((index, i) => index != i).Any())
        {
            problems.Add(string.Create(c, $"{source}: {data.Points.Count} points, the design has {ids.Count}"));
            return problems;
        }

        foreach (SensitivityPoint p in data.Points)
        {
            if (p.Id != ids[p.Index])
            {
                problems.Add(string.Create(c, $"{source}: point {p.Index} is '{DisplayText.Safe(p.Id, 40)}', expected '{ids[p.Index]}'"));
            }
            else if (p.Replications is null || p.Replications.Count != data.Measures.Count || p.Replications.Any(r => r is null || r.Length != data.Replications))
            {
                problems.Add(string.Create(c, $"{source}: point {p.Id} does not hold {data.Replications} replications of each of {data.Measures.Count} measures"));
            }
        }

        return problems;
    }

    private static bool SameDesign(SensitivityData a, SensitivityData b) =>
        a.Scenario == b.Scenario && a.ScenarioSha256 == b.ScenarioSha256 && a.Seed == b.Seed && a.Replications == b.Replications
        && a.Samples == b.Samples && a.Currency == b.Currency && a.Slo == b.Slo
        && a.Fields.SequenceEqual(b.Fields) && a.Measures.SequenceEqual(b.Measures);
}

/// <summary>
/// A sensitivity folder being written while the run goes on elsewhere (<see cref="SensitivityFolder.Begin"/>).
/// Disposed without <see cref="Complete"/> (the run failed or was stopped), it leaves nothing behind.
/// </summary>
public sealed class SensitivityFolderWriter : IDisposable
{
    private readonly SweepStaging _staging;

    internal SensitivityFolderWriter(SweepStaging staging) => _staging = staging;

    /// <summary>
    /// Writes the whole run's files, or for a shard (<paramref name="shard"/> given) its data and
    /// <c>shard.json</c>, and moves the folder into place. Returns the analysis of a whole run, null for a shard.
    /// </summary>
    public SensitivityResult? Complete(SensitivityData data, ShardManifest? shard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        SensitivityResult? result = null;
        if (shard is not null)
        {
            SensitivityFolder.WriteData(data, _staging.Path);
            SweepFolder.WriteManifest(shard, _staging.Path);
        }
        else
        {
            result = SensitivityFolder.WriteWhole(data, _staging.Path);
        }

        cancellationToken.ThrowIfCancellationRequested();
        _staging.Commit();
        return result;
    }

    /// <inheritdoc/>
    public void Dispose() => _staging.Dispose();
}
