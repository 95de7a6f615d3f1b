using System.Globalization;

using LookoutSim.Metrics;

namespace LookoutSim.Experiments;

/// <summary>
/// The content of a shard folder's <c>shard.json</c>: which share of which sweep the folder holds,
/// so that <c>merge</c> can check that a set of shard folders is complete and belongs together.
/// </summary>
public sealed record ShardManifest
{
    /// <summary>Always <c>lookoutsim</c>.</summary>
    public string Tool { get; init; } = "lookoutsim";

    /// <summary>What the shard is a share of: <see cref="SweepKind"/> (also when a manifest names none) or <see cref="SensitivityKind"/>.</summary>
    public string Kind { get; init; } = SweepKind;

    /// <summary>The kind of a <c>sweep</c> shard.</summary>
    public const string SweepKind = "sweep";

    /// <summary>The kind of a <c>sensitivity</c> shard.</summary>
    public const string SensitivityKind = "sensitivity";

    /// <summary>The tool's version that wrote the shard.</summary>
    public required string Version { get; init; }

    /// <summary>Sweep (scenario) name.</summary>
    public required string Sweep { get; init; }

    /// <summary><see cref="SweepDefinition.IdentityHash"/> of the whole sweep.</summary>
    public required string SweepHash { get; init; }

    /// <summary>This shard, 1-based.</summary>
    public required int Shard { get; init; }

    /// <summary>Number of shards.</summary>
    public required int Shards { get; init; }

    /// <summary>Points in the whole sweep.</summary>
    public required int TotalPoints { get; init; }

    /// <summary>Replications per point.</summary>
    public required int Replications { get; init; }

    /// <summary>Master seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Swept field paths (the <c>sweep.csv</c> columns after <c>point</c>).</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>This shard's points: position in the whole sweep and id.</summary>
    public required IReadOnlyList<ShardPointEntry> Points { get; init; }

    /// <summary>The scenario's SLO targets (for the merged charts).</summary>
    public SloTargets Slo { get; init; } = SloTargets.None;

    /// <summary>Currency of costs.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>The manifest of shard <paramref name="shard"/> of <paramref name="definition"/>.</summary>
    public static ShardManifest For(SweepDefinition definition, ShardSpec shard) => new()
    {
        Version = ToolInfo.Version,
        Sweep = definition.Name,
        SweepHash = definition.IdentityHash(),
        Shard = shard.K,
        Shards = shard.N,
        TotalPoints = definition.Points.Count,
        Replications = definition.Replications,
        Seed = definition.Seed,
        Fields = definition.Fields,
        Points = [.. shard.PointIndices(definition.Points.Count).Select(i => new ShardPointEntry(i, definition.Points[i].Id))],
        Slo = definition.Slo,
        Currency = definition.Currency,
    };

    /// <summary>
    /// Every reason a set of shards cannot be merged into one sweep: different sweeps (identity hash,
    /// shard count, point count), a shard missing or given twice, or a shard whose points are not
    /// those its number owns. Empty when the set is complete and consistent.
    /// </summary>
    /// <param name="shards">(folder, manifest) of each shard given.</param>
    public static IReadOnlyList<string> Problems(IReadOnlyList<(string Folder, ShardManifest Manifest)> shards)
    {
        var problems = new List<string>();
        if (shards.Count == 0)
        {
            problems.Add("no shard folders given");
            return problems;
        }

        CultureInfo c = CultureInfo.InvariantCulture;
        (string firstFolder, ShardManifest first) = shards[0];
        foreach ((string folder, ShardManifest m) in shards.Skip(1))
        {
            if (m.Kind != first.Kind)
            {
                problems.Add($"{folder} is a {m.Kind} shard but {firstFolder} is a {first.Kind} shard");
            }
            else if (m.SweepHash != first.SweepHash)
            {
                problems.Add($"{folder} is from a different sweep than {firstFolder} (sweep hash {Short(m.SweepHash)} vs {Short(first.SweepHash)}: scenario, seed, replications or points differ)");
            }
            else if (m.Shards != first.Shards)
            {
                problems.Add(string.Create(c, $"{folder} is shard {m.Shard}/{m.Shards} but {firstFolder} is {first.Shard}/{first.Shards}: the sweep was split differently"));
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        int n = first.Shards;
        foreach (IGrouping<int, (string Folder, ShardManifest Manifest)> g in shards.GroupBy(s => s.Manifest.Shard).Where(g => g.Count() > 1))
        {
            problems.Add(string.Create(c, $"shard {g.Key}/{n} is given more than once: {string.Join(", ", g.Select(x => x.Folder))}"));
        }

        int[] missing = [.. Enumerable.Range(1, n).Except(shards.Select(s => s.Manifest.Shard))];
        if (missing.Length > 0)
        {
            problems.Add(string.Create(c, $"incomplete: shard{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing.Select(k => k.ToString(c) + "/" + n.ToString(c)))} missing (have {shards.Count} of {n})"));
        }

        foreach ((string folder, ShardManifest m) in shards)
        {
            var spec = new ShardSpec(m.Shard, m.Shards);
            if (m.Shard < 1 || m.Shard > m.Shards || !spec.PointIndices(m.TotalPoints).SequenceEqual(m.Points.Select(p => p.Index)))
            {
                problems.Add(string.Create(c, $"{folder}: shard {m.Shard}/{m.Shards} does not hold the points that shard owns (of {m.TotalPoints})"));
            }
        }

        return problems;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}

/// <summary>A point of a shard: its 0-based position in the whole sweep and its id.</summary>
/// <param name="Index">Position in the whole sweep.</param>
/// <param name="Id">Point id (folder under <c>points/</c>).</param>
public sealed record ShardPointEntry(int Index, string Id);
