using System.Text.Json;
using LookoutSim.Experiments;

namespace LookoutSim.Output;

/// <summary>
/// Joins shard folders into the folder the whole sweep would have written: <c>sweep.csv</c> with
/// the rows in the original point order, <c>points/</c> copied, the charts drawn from the whole table.
/// Refuses a set of shards that is incomplete, duplicated or from different sweeps.
/// </summary>
public static class SweepMerge
{
    /// <summary>Merges <paramref name="shardFolders"/> into <paramref name="target"/>.</summary>
    /// <exception cref="SweepMergeException">With every problem found, before anything is written.</exception>
    /// <exception cref="SweepFolderExistsException">When the target exists and <paramref name="force"/> is false.</exception>
    public static SweepTable Merge(IReadOnlyList<string> shardFolders, string target, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shardFolders);
        var problems = new List<string>();
        var shards = new List<(string Folder, ShardManifest Manifest)>();
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
                }
                else
                {
                    shards.Add((folder, m));
                }
            }
            catch (JsonException ex)
            {
                problems.Add($"{folder}/shard.json: not a valid shard manifest ({ex.Message})");
            }
        }

        if (problems.Count == 0)
        {
            problems.AddRange(ShardManifest.Problems(shards));
        }

        var tables = new List<SweepTable>();
        if (problems.Count == 0)
        {
            foreach ((string folder, ShardManifest m) in shards)
            {
                string csv = Path.Combine(folder, "sweep.csv");
                if (!File.Exists(csv))
                {
                    problems.Add($"{folder}: sweep.csv is missing");
                    continue;
                }

                SweepTable t;
                try
                {
                    t = SweepCsv.Read(csv, [.. m.Points.Select(p => p.Index)]);
                }
                catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
                {
                    problems.Add($"{csv}: {ex.Message}");
                    continue;
                }

                if (!t.Rows.Select(r => r.Point.Id).SequenceEqual(m.Points.Select(p => p.Id)) || !t.Fields.SequenceEqual(m.Fields))
                {
                    problems.Add($"{csv}: its rows or columns are not the points and fields shard.json lists");
                }

                foreach (ShardPointEntry p in m.Points.Where(p => !Directory.Exists(Path.Combine(folder, "points", p.Id))))
                {
                    problems.Add($"{folder}: points/{p.Id} is missing");
                }

                tables.Add(t);
            }
        }

        if (problems.Count > 0)
        {
            throw new SweepMergeException(problems);
        }

        ShardManifest first = shards[0].Manifest;
        var table = new SweepTable(first.Fields, [.. tables.SelectMany(t => t.Rows).OrderBy(r => r.Index)]);
        int deepest = "points/".Length + table.Rows.Select(r => r.Point.Id.Length).DefaultIfEmpty(0).Max() + 1 + ResultsFolder.Deepest;
        using var staging = SweepStaging.Begin(target, force, "sweep", shardFolders, deepest);
        string points = Directory.CreateDirectory(Path.Combine(staging.Path, "points")).FullName;
        foreach ((string folder, ShardManifest m) in shards)
        {
            foreach (ShardPointEntry p in m.Points)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CopyFolder(Path.Combine(folder, "points", p.Id), Path.Combine(points, p.Id));
            }
        }

        SweepCsv.Write(table, staging.Path);
        SweepCharts.Draw(table, Path.Combine(staging.Path, "plots"), first.Slo, first.Currency);
        staging.Commit();
        return table;
    }

    /// <summary>Copies a point's folder; a link in it is refused, never followed.</summary>
    private static void CopyFolder(string from, string to)
    {
        if (OutputFolder.IsLink(new DirectoryInfo(from)))
        {
            throw new OutputException($"'{OutputFolder.Shown(from)}' is a link; LookoutSim does not copy through links");
        }

        Directory.CreateDirectory(to);
        foreach (FileSystemInfo entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            if (OutputFolder.IsLink(entry))
            {
                throw new OutputException($"'{OutputFolder.Shown(entry.FullName)}' is a link; LookoutSim does not copy through links");
            }

            if (entry is DirectoryInfo)
            {
                CopyFolder(entry.FullName, Path.Combine(to, entry.Name));
            }
            else
            {
                File.Copy(entry.FullName, Path.Combine(to, entry.Name));
            }
        }
    }
}

/// <summary>A set of shard folders that cannot be merged; <see cref="Problems"/> says why, one line each.</summary>
public sealed class SweepMergeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SweepMergeException(IReadOnlyList<string> problems)
        : base("cannot merge: " + string.Join("; ", problems)) => Problems = problems;

    /// <summary>Creates the exception.</summary>
    public SweepMergeException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    public SweepMergeException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception.</summary>
    public SweepMergeException(string message, Exception inner)
        : base(message, inner) => Problems = [message];

    /// <summary>Every problem, one line each.</summary>
    public IReadOnlyList<string> Problems { get; }
}
