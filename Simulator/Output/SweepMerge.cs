using System.Text.Json;
using LookoutSim.Experiments;

namespace LookoutSim.Output;

/// <summary>
/// Joins shard folders into the folder the whole sweep would have written: <c>sweep.csv</c> with
/// the rows in the original point order (verdict columns judged again from the whole table), <c>points/</c>
/// copied, the charts and <c>sweep.html</c> drawn from the whole table.
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
                else if (ManifestProblems(folder, m) is { Count: > 0 } bad)
                {
                    problems.AddRange(bad);
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
                catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or OutputException)
                {
                    problems.Add(ex.Message.StartsWith(csv, StringComparison.Ordinal) ? ex.Message : $"{csv}: {ex.Message}");
                    continue;
                }

                if (!t.Rows.Select(r => r.Point.Id).SequenceEqual(m.Points.Select(p => p.Id)) || !t.Fields.SequenceEqual(m.Fields))
                {
                    problems.Add($"{csv}: its rows or columns are not the points and fields shard.json lists");
                }

                foreach (ShardPointEntry p in m.Points)
                {
                    problems.AddRange(PointFolderProblems(folder, p.Id));
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
                CopyFolder(SafePath.Within(folder, Path.Combine("points", p.Id)), SweepFolder.PointFolder(points, p.Id, $"{folder}/shard.json"));
            }
        }

        SweepCsv.Write(table, staging.Path, first.Slo);
        SweepCharts.Draw(table, Path.Combine(staging.Path, "plots"), first.Slo, first.Currency);
        SweepReport.Write(table, first.Sweep, first.Replications, first.Slo, first.Currency, staging.Path);
        staging.Commit();
        return table;
    }

    /// <summary>
    /// What is wrong with a manifest beyond its JSON shape: a list or an entry that is null, a point id
    /// that is not a safe folder name (<see cref="SafePath.Segment"/>: no <c>..</c>, separators, NUL,
    /// absolute paths, reserved or overlong names), a field name that is empty, overlong or holds a
    /// control character.
    /// </summary>
    private static List<string> ManifestProblems(string folder, ShardManifest m)
    {
        string file = Path.Combine(folder, "shard.json");
        var problems = new List<string>();
        if (m.Points is null || m.Fields is null || m.Points.Any(p => p is null) || m.Fields.Any(f => f is null))
        {
            problems.Add($"{file}: not a valid shard manifest ('points' and 'fields' must be lists without nulls)");
            return problems;
        }

        for (int i = 0; i < m.Points.Count; i++)
        {
            try
            {
                SafePath.Segment(m.Points[i].Id, file, 0, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"points[{i}].id"));
            }
            catch (OutputException ex)
            {
                problems.Add(ex.Message);
            }
        }

        foreach (string f in m.Fields.Where(f => f.Length == 0 || f.Length > SafePath.MaxLength || f.Any(DisplayText.IsUnsafe)))
        {
            problems.Add($"{file}: field '{DisplayText.Safe(f, 80)}' is empty, longer than {SafePath.MaxLength} characters or holds a control character");
        }

        return problems;
    }

    /// <summary>Why the folder of point <paramref name="id"/> of a shard cannot be copied: missing, a link, or holding a link.</summary>
    private static IEnumerable<string> PointFolderProblems(string folder, string id)
    {
        string path;
        try
        {
            path = SafePath.Within(folder, Path.Combine("points", id));
        }
        catch (OutputException ex)
        {
            return [ex.Message];
        }

        if (!Directory.Exists(path))
        {
            return [$"{folder}: points/{id} is missing"];
        }

        return Links(path).Take(3).Select(link => $"{link} is a symbolic link; a shard's point folders hold only files and folders");
    }

    /// <summary>Every link under <paramref name="folder"/>, without following any.</summary>
    private static IEnumerable<string> Links(string folder)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            if (SafePath.IsLink(entry))
            {
                yield return entry;
            }
            else if (Directory.Exists(entry))
            {
                foreach (string link in Links(entry))
                {
                    yield return link;
                }
            }
        }
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
