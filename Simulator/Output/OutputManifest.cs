using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace LookoutSim.Output;

/// <summary>
/// The proof that LookoutSim wrote a folder: <c>.lookoutsim-manifest.json</c> at its top, naming
/// the tool, its version, the kind of folder, and every file it wrote (path, size, SHA-256) and
/// every folder. <c>--force</c> replaces a folder only when every entry in it is in its manifest
/// with the same contents (<see cref="OutputFolder.CheckTarget"/>); <c>plot</c> and <c>report</c>
/// keep it up to date (<see cref="Record"/>).
/// </summary>
/// <remarks>
/// The manifest is a pure function of the files listed (sorted, no date), so two identical runs
/// write identical manifests. Paths are relative, with <c>/</c> separators.
/// </remarks>
public static class OutputManifest
{
    /// <summary>The manifest's file name, at the top of every folder LookoutSim writes.</summary>
    public const string FileName = ".lookoutsim-manifest.json";

    /// <summary>The value of <c>tool</c>.</summary>
    public const string Tool = "lookoutsim";

    /// <summary>Manifests larger than this (bytes) are not read: no folder LookoutSim writes needs one.</summary>
    private const long MaxBytes = 256L * 1024 * 1024;


    /// <summary>The version written in manifests: the program's informational version.</summary>
    public static string Version { get; } =
        typeof(OutputManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(OutputManifest).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>
    /// Lists every file and folder under <paramref name="folder"/> (a folder just written, not yet
    /// moved into place) and writes its manifest. The one place manifests are written.
    /// </summary>
    /// <param name="folder">The folder.</param>
    /// <param name="kind">What the folder is: <c>run</c>, <c>sweep</c>, <c>plan</c>.</param>
    /// <exception cref="OutputException">The folder holds a link (LookoutSim never writes one).</exception>
    public static void Write(string folder, string kind)
    {
        var files = new SortedDictionary<string, Entry>(StringComparer.Ordinal);
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach ((string rel, FileSystemInfo info) in Walk(folder))
        {
            if (OutputFolder.IsLink(info))
            {
                throw new OutputException($"'{OutputFolder.Shown(info.FullName)}' is a link; LookoutSim does not write links");
            }

            if (info is DirectoryInfo)
            {
                folders.Add(rel);
            }
            else if (rel != FileName)
            {
                files[rel] = Hash(info.FullName);
            }
        }

        Save(folder, new Contents(kind, folders, files));
    }

    /// <summary>
    /// Records files just rewritten in <paramref name="folder"/> (by <c>plot</c> or <c>report</c>) in
    /// its manifest, and in the manifest of every enclosing folder that lists this folder's manifest
    /// (a sweep's, for one of its points). A folder without a valid manifest is left as it is: a
    /// manifest is never made up for files LookoutSim did not write.
    /// </summary>
    /// <param name="folder">The results folder.</param>
    /// <param name="written">Full paths of the files written, inside <paramref name="folder"/>; others are ignored.</param>
    public static void Record(string folder, IReadOnlyCollection<string> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        string top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var changed = written.Select(Path.GetFullPath).ToList();
        while (true)
        {
            Contents? contents = TryRead(top, out _);
            if (contents is null)
            {
                return;
            }

            bool any = false;
            foreach (string path in changed)
            {
                string rel = Relative(top, path);
                if (rel.Length == 0 || rel == FileName || rel.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(rel) || !File.Exists(path))
                {
                    continue;
                }

                any = true;
                contents.Files[rel] = Hash(path);
                for (int slash = rel.LastIndexOf('/'); slash > 0; slash = rel.LastIndexOf('/', slash - 1))
                {
                    contents.Folders.Add(rel[..slash]);
                }
            }

            if (!any)
            {
                return; // nothing written inside this folder (plot --out elsewhere): leave it as it is
            }

            Save(top, contents);

            // The enclosing folder whose manifest lists this one's (a sweep, for one of its points).
            string manifest = Path.Combine(top, FileName);
            changed.Add(manifest);
            string? parent = Path.GetDirectoryName(top);
            string? owner = null;
            while (parent is not null)
            {
                if (File.Exists(Path.Combine(parent, FileName)) && TryRead(parent, out _) is { } up && up.Files.ContainsKey(Relative(parent, manifest)))
                {
                    owner = parent;
                    break;
                }

                parent = Path.GetDirectoryName(parent);
            }

            if (owner is null)
            {
                return;
            }

            top = owner;
        }
    }

    /// <summary>
    /// What in <paramref name="folder"/> LookoutSim did not write, according to its manifest: files
    /// not listed or changed since, folders not listed, links. Empty when the folder may be replaced.
    /// </summary>
    /// <param name="folder">An existing folder.</param>
    /// <param name="problem">Why the manifest cannot be used (missing, unreadable, not LookoutSim's); null when it can.</param>
    /// <returns>Relative paths (a folder ends with <c>/</c>; a note in parentheses says why), sorted.</returns>
    public static IReadOnlyList<string> Foreign(string folder, out string? problem)
    {
        Contents? contents = TryRead(folder, out problem);
        if (contents is null)
        {
            return [];
        }

        var foreign = new List<string>();
        foreach ((string rel, FileSystemInfo info) in Walk(folder, descend: d => contents.Folders.Contains(d)))
        {
            if (OutputFolder.IsLink(info))
            {
                foreign.Add(rel + " (a link)");
            }
            else if (info is DirectoryInfo)
            {
                if (!contents.Folders.Contains(rel))
                {
                    foreign.Add(rel + "/");
                }
            }
            else if (rel == FileName)
            {
                continue;
            }
            else if (!contents.Files.TryGetValue(rel, out Entry listed))
            {
                foreign.Add(rel);
            }
            else if (((FileInfo)info).Length != listed.Size || Hash(info.FullName) != listed)
            {
                foreign.Add(rel + " (changed since LookoutSim wrote it)");
            }
        }

        foreign.Sort(StringComparer.Ordinal);
        return foreign;
    }

    /// <summary>Every entry under <paramref name="folder"/>, relative, never through a link.</summary>
    private static IEnumerable<(string Rel, FileSystemInfo Info)> Walk(string folder, Func<string, bool>? descend = null)
    {
        var pending = new Stack<(string Rel, DirectoryInfo Dir)>();
        pending.Push(("", new DirectoryInfo(folder)));
        while (pending.Count > 0)
        {
            (string prefix, DirectoryInfo dir) = pending.Pop();
            foreach (FileSystemInfo info in dir.EnumerateFileSystemInfos())
            {
                string rel = prefix + info.Name;
                yield return (rel, info);
                if (info is DirectoryInfo sub && !OutputFolder.IsLink(info) && (descend is null || descend(rel)))
                {
                    pending.Push((rel + "/", sub));
                }
            }
        }
    }

    private static string Relative(string folder, string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');

    private static Entry Hash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        long size = stream.Length;
        return new Entry(size, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    private static Contents? TryRead(string folder, out string? problem)
    {
        string path = Path.Combine(folder, FileName);
        var info = new FileInfo(path);
        if (!info.Exists || OutputFolder.IsLink(info))
        {
            problem = $"it has no {FileName}, so nothing proves LookoutSim wrote it";
            return null;
        }

        if (info.Length > MaxBytes)
        {
            problem = $"its {FileName} is too large to be LookoutSim's";
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = doc.RootElement;
            if (root.GetProperty("tool").GetString() != Tool)
            {
                problem = $"its {FileName} was not written by LookoutSim";
                return null;
            }

            var folders = new SortedSet<string>(StringComparer.Ordinal);
            foreach (JsonElement f in root.GetProperty("folders").EnumerateArray())
            {
                folders.Add(f.GetString() ?? throw new FormatException("a folder is null"));
            }

            var files = new SortedDictionary<string, Entry>(StringComparer.Ordinal);
            foreach (JsonElement f in root.GetProperty("files").EnumerateArray())
            {
                string rel = f.GetProperty("path").GetString() ?? throw new FormatException("a path is null");
                string sha = f.GetProperty("sha256").GetString() ?? throw new FormatException("a hash is null");
                files[rel] = new Entry(f.GetProperty("size").GetInt64(), sha.ToLowerInvariant());
            }

            problem = null;
            return new Contents(root.GetProperty("kind").GetString() ?? "", folders, files);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
        {
            problem = $"its {FileName} cannot be read ({OutputFolder.Shown(ex.Message)})";
            return null;
        }
    }

    /// <summary>Writes the manifest beside its final name and renames it into place.</summary>
    private static void Save(string folder, Contents contents)
    {
        string path = Path.Combine(folder, FileName);
        string temp = OutputFolder.TempFileFor(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var json = new Utf8JsonWriter(stream, JsonOutput.WriterOptions))
            {
                json.WriteStartObject();
                json.WriteString("tool", Tool);
                json.WriteString("version", Version);
                json.WriteString("kind", contents.Kind);
                json.WriteStartArray("folders");
                foreach (string f in contents.Folders)
                {
                    json.WriteStringValue(f);
                }

                json.WriteEndArray();
                json.WriteStartArray("files");
                foreach ((string rel, Entry e) in contents.Files)
                {
                    json.WriteStartObject();
                    json.WriteString("path", rel);
                    json.WriteNumber("size", e.Size);
                    json.WriteString("sha256", e.Sha256);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private readonly record struct Entry(long Size, string Sha256);

    private sealed record Contents(string Kind, SortedSet<string> Folders, SortedDictionary<string, Entry> Files);
}
