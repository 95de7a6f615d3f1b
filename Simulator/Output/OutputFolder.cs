using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LookoutSim.Output;

/// <summary>
/// What every writer of an output folder (results, sweep, plan, merge) does to the folder as a
/// whole: check the target before any work (<see cref="CheckTarget"/>), write into a temporary
/// folder beside it named after its owner (<see cref="BeginTemp"/>), move it into place with its
/// manifest (<see cref="Commit"/>), and delete without ever following a link (<see cref="DeleteTree"/>).
/// </summary>
/// <remarks>
/// <para><c>--force</c> replaces an existing folder only when it is empty, or when its
/// <see cref="OutputManifest"/> lists every entry in it with the same contents; never the current
/// folder or one holding it, nor a folder holding a file the command reads (the scenario, its
/// traces, the shards merged). A link at the target, or inside it, is never followed.</para>
/// <para>Temporaries are named <c>.NAME.writing-HOST-PID-START-XXXXXXXX</c> (and <c>.replaced-</c> for
/// the folder being replaced), HOST (a hash of the machine's name), PID and START (ms since 1970)
/// identifying the process that owns them. Before writing, the temporaries beside the target whose
/// owner on this machine is no longer running are deleted; those of a live process, or of another
/// machine, are left alone.</para>
/// </remarks>
public static partial class OutputFolder
{
    /// <summary>The longest name (UTF-8 bytes) of one path segment on the file systems LookoutSim writes to.</summary>
    public const int NameMax = 255;

    /// <summary>The longest path (UTF-8 bytes) LookoutSim creates.</summary>
    public static readonly int PathMax = OperatingSystem.IsMacOS() ? 1023 : 4095;

    /// <summary>Inside a temporary folder: who writes it (the owner tag), proving it is LookoutSim's.</summary>
    private const string OwnerFile = ".lookoutsim-owner";

    /// <summary>What a temporary name adds to the target's name: <c>.</c>, <c>.replaced-</c>, the tag (host, pid, start), <c>-XXXXXXXX</c>.</summary>
    private const int TempOverhead = 1 + 10 + 8 + 1 + 10 + 1 + 13 + 1 + 8;

    /// <summary>Milliseconds a process's start time may differ between two readings of it.</summary>
    private const long StartSlackMs = 2000;

    /// <summary>Messages show at most this many characters of a path (the first and last half).</summary>
    private const int ShownMax = 121;

    /// <summary>The outermost folder each temporary's <see cref="BeginTemp"/> created, for <see cref="Discard"/>.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> CreatedParents = new(StringComparer.Ordinal);

    private static readonly Lazy<long> OwnStart = new(() => StartMs(Process.GetCurrentProcess()));

    /// <summary>This machine, as temporaries name it: 8 hex digits of the SHA-256 of its name (a shared file system is seen by several).</summary>
    internal static readonly string HostTag = Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Environment.MachineName)))[..8];

    /// <summary>This process, as it tags its temporaries: <c>HOST-PID-START</c>.</summary>
    internal static string OwnerTag => string.Create(CultureInfo.InvariantCulture, $"{HostTag}-{Environment.ProcessId}-{OwnStart.Value}");

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// <paramref name="text"/> shortened for a message: the first and last 60 characters around an
    /// ellipsis when longer, so that a 15 KB path makes a one-line error.
    /// </summary>
    public static string Shown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= ShownMax ? text : string.Concat(text.AsSpan(0, 60), "…", text.AsSpan(text.Length - 60));
    }

    /// <summary>
    /// Checks, before any work, that <paramref name="target"/> can receive an output folder: a valid
    /// path whose names and deepest file fit the file system, under a folder that can be written,
    /// and either absent or (with <paramref name="force"/>) a folder LookoutSim may replace (see the
    /// class remarks). Creates nothing.
    /// </summary>
    /// <param name="target">The folder as the user gave it.</param>
    /// <param name="force">Whether <c>--force</c> was given.</param>
    /// <param name="inputs">Files and folders the command reads: the target may not hold them.</param>
    /// <param name="deepest">The longest path (characters) the writer creates inside the folder.</param>
    /// <returns>The full path of the target.</returns>
    /// <exception cref="OutputException">Why not, in one short line.</exception>
    public static string CheckTarget(string target, bool force, IEnumerable<string>? inputs = null, int deepest = 64)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            throw new OutputException("the output folder name is empty");
        }

        string shown = Shown(target);
        if (target.Contains('\0', StringComparison.Ordinal))
        {
            throw new OutputException($"the output folder name '{shown.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character");
        }

        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputException($"'{shown}' is not a valid folder name ({Shown(ex.Message)})", ex);
        }

        if (Path.GetPathRoot(full) == full || Path.GetDirectoryName(full) is null)
        {
            throw new OutputException($"'{shown}' is a file-system root; choose a folder for the output");
        }

        CheckLengths(full, shown, deepest);
        var info = new DirectoryInfo(full);
        if (IsLink(info) || IsLink(new FileInfo(full)))
        {
            throw new OutputException($"'{shown}' is a link; LookoutSim does not write through links (remove it, or choose another --out)");
        }

        if (File.Exists(full))
        {
            throw new OutputException($"'{shown}' exists and is a file, not an output folder");
        }

        if (Directory.Exists(full))
        {
            if (!force)
            {
                throw new OutputException($"'{shown}' already exists; use --force to replace it (or --out to choose another folder)");
            }

            CheckReplaceable(full, shown, inputs ?? []);
        }

        CheckWritable(Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>
    /// Creates the temporary folder for <paramref name="target"/> (a full path checked by
    /// <see cref="CheckTarget"/>), after deleting the stale temporaries of dead processes beside it.
    /// </summary>
    /// <returns>The temporary folder, holding only its owner file.</returns>
    public static string BeginTemp(string target)
    {
        string parent = Path.GetDirectoryName(target)!;
        string? created = null;
        for (string? p = parent; p is not null && !Directory.Exists(p); p = Path.GetDirectoryName(p))
        {
            created = p;
        }

        Directory.CreateDirectory(parent);
        CleanStale(parent, Path.GetFileName(target));
        string temp = TempName(target, "writing");
        Directory.CreateDirectory(temp);
        File.WriteAllText(Path.Combine(temp, OwnerFile), Path.GetFileName(temp), new UTF8Encoding(false));
        if (created is not null)
        {
            CreatedParents[temp] = created;
        }

        return temp;
    }

    /// <summary>
    /// Deletes the temporary folder of a write that failed or was cancelled, and the folders
    /// <see cref="BeginTemp"/> created above it when they are still empty: nothing is left behind.
    /// </summary>
    public static void Discard(string temp)
    {
        TryDeleteTree(temp);
        if (CreatedParents.TryRemove(temp, out string? created))
        {
            for (string? p = Path.GetDirectoryName(temp); p is not null && IsInside(p, created); p = Path.GetDirectoryName(p))
            {
                try
                {
                    Directory.Delete(p); // only when empty
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    break; // not empty (another run writes there) or not ours to remove
                }
            }
        }
    }

    /// <summary>
    /// Writes the manifest of the finished temporary folder and moves it onto <paramref name="target"/>.
    /// An existing target is replaced only with <paramref name="force"/> and after checking it
    /// again; it is renamed aside, the new folder renamed in (the old one put back if that fails),
    /// and the old one deleted.
    /// </summary>
    /// <param name="temp">From <see cref="BeginTemp"/>.</param>
    /// <param name="target">The full path of the target.</param>
    /// <param name="shown">The target as the user gave it, for messages.</param>
    /// <param name="force">Replace an existing target.</param>
    /// <param name="kind">The kind written in the manifest: <c>run</c>, <c>sweep</c>, <c>plan</c>.</param>
    /// <param name="inputs">As for <see cref="CheckTarget"/>.</param>
    public static void Commit(string temp, string target, string shown, bool force, string kind, IEnumerable<string>? inputs = null)
    {
        File.Delete(Path.Combine(temp, OwnerFile));
        OutputManifest.Write(temp, kind);
        CreatedParents.TryRemove(temp, out _);
        if (!Directory.Exists(target) && !File.Exists(target) && !IsLink(new FileInfo(target)))
        {
            try
            {
                Directory.Move(temp, target);
                return;
            }
            catch (IOException) when (Directory.Exists(target))
            {
                if (!force)
                {
                    throw new OutputException($"'{Shown(shown)}' appeared while the output was being written; use --force to replace it");
                }

                // It appeared meanwhile and --force was given: replace it below, if it may be.
            }
        }

        CheckTarget(target, force, inputs);
        string old = TempName(target, "replaced");
        Directory.Move(target, old);
        try
        {
            Directory.Move(temp, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }

        TryDeleteTree(old);
    }

    /// <summary>Deletes <paramref name="path"/> and everything under it; a link is removed, never followed.</summary>
    public static void DeleteTree(string path)
    {
        var dir = new DirectoryInfo(path);
        if (IsLink(dir) || IsLink(new FileInfo(path)))
        {
            RemoveLink(path);
            return;
        }

        if (!dir.Exists)
        {
            File.Delete(path);
            return;
        }

        foreach (FileSystemInfo entry in dir.EnumerateFileSystemInfos())
        {
            if (IsLink(entry))
            {
                RemoveLink(entry.FullName);
            }
            else if (entry is DirectoryInfo)
            {
                DeleteTree(entry.FullName);
            }
            else
            {
                entry.Attributes = FileAttributes.Normal;
                entry.Delete();
            }
        }

        dir.Delete();
    }

    /// <summary>Best-effort <see cref="DeleteTree"/>: a leftover hidden folder says by its name whose it is, and the next run cleans it.</summary>
    public static void TryDeleteTree(string path)
    {
        try
        {
            if (Directory.Exists(path) || File.Exists(path))
            {
                DeleteTree(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort (see above).
        }
    }

    /// <summary>Whether <paramref name="info"/> is a symbolic link or a junction (never followed).</summary>
    public static bool IsLink(FileSystemInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        try
        {
            return info.LinkTarget is not null || (info.Exists && (info.Attributes & FileAttributes.ReparsePoint) != 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Refuses to write <paramref name="path"/> when it, or a folder between <paramref name="root"/>
    /// and it, is a link: what LookoutSim writes inside an output folder never goes through a link.
    /// </summary>
    /// <exception cref="OutputException">Naming the link.</exception>
    public static void RefuseLinks(string root, string path)
    {
        string top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        string full = Path.GetFullPath(path);
        var chain = new List<string>();
        for (string? p = full; p is not null && IsInside(p, top) && !string.Equals(p, top, PathComparison); p = Path.GetDirectoryName(p))
        {
            chain.Add(p);
        }

        if (chain.Count == 0)
        {
            chain.Add(full);
        }

        foreach (string p in chain)
        {
            if (IsLink(new FileInfo(p)) || IsLink(new DirectoryInfo(p)))
            {
                throw new OutputException($"'{Shown(p)}' is a link; LookoutSim does not write through links (remove it and run again)");
            }
        }
    }

    /// <summary>A fresh temporary name beside <paramref name="path"/>, for writing a file that is then renamed over it.</summary>
    public static string TempFileFor(string path)
    {
        string full = Path.GetFullPath(path);
        string parent = Path.GetDirectoryName(full)!;
        CleanStale(parent, Path.GetFileName(full));
        return TempName(full, "writing");
    }

    /// <summary>
    /// Deletes the temporaries of <paramref name="name"/> in <paramref name="parent"/> whose owner
    /// process has ended: a folder only when it proves it is LookoutSim's (its owner file, or its
    /// manifest with nothing else in it); a file by its name. Those of live processes stay.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public static int CleanStale(string parent, string name)
    {
        int cleaned = 0;
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(parent).EnumerateFileSystemInfos("." + name + ".*").ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (FileSystemInfo entry in entries)
        {
            Match m = TempPattern().Match(entry.Name);
            if (!m.Success || !string.Equals(m.Groups["name"].Value, name, StringComparison.Ordinal) || IsLink(entry) ||
                !string.Equals(m.Groups["host"].Value, HostTag, StringComparison.Ordinal) || // another machine's: cannot tell whether it runs
                !int.TryParse(m.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ||
                !long.TryParse(m.Groups["start"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long start) ||
                IsRunning(pid, start))
            {
                continue;
            }

            bool ours = entry is FileInfo || ProvesOwner(entry.FullName, m.Groups["tag"].Value);
            if (ours)
            {
                try
                {
                    DeleteTree(entry.FullName);
                    cleaned++;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another run is cleaning it too, or it cannot be deleted: leave it.
                }
            }
        }

        return cleaned;
    }

    /// <summary>Whether the process <paramref name="pid"/> started at <paramref name="startMs"/> is still running.</summary>
    internal static bool IsRunning(int pid, long startMs)
    {
        if (pid == Environment.ProcessId)
        {
            return Math.Abs(OwnStart.Value - startMs) <= StartSlackMs;
        }

        try
        {
            using Process p = Process.GetProcessById(pid);
            return !p.HasExited && Math.Abs(StartMs(p) - startMs) <= StartSlackMs;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false; // it ended meanwhile
        }
        catch (Exception ex) when (ex is Win32Exception or NotSupportedException or UnauthorizedAccessException)
        {
            return true; // cannot tell: keep its files
        }
    }

    internal static long StartMs(Process process) =>
        new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static bool ProvesOwner(string folder, string tag)
    {
        string owner = Path.Combine(folder, OwnerFile);
        try
        {
            if (File.Exists(owner) && !IsLink(new FileInfo(owner)) && File.ReadAllText(owner).Contains(tag, StringComparison.Ordinal))
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        return OutputManifest.Foreign(folder, out string? problem).Count == 0 && problem is null;
    }

    private static string TempName(string target, string kind) =>
        Path.Combine(
            Path.GetDirectoryName(target)!,
            string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(target)}.{kind}-{OwnerTag}-{Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..8]}"));

    [GeneratedRegex(@"^\.(?<name>.+)\.(?<kind>writing|replaced)-(?<tag>(?<host>[0-9a-f]{8})-(?<pid>[0-9]{1,10})-(?<start>[0-9]{1,19}))-[0-9a-f]{8}$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TempPattern();

    private static void RemoveLink(string path)
    {
        if (OperatingSystem.IsWindows() && Directory.Exists(path))
        {
            Directory.Delete(path); // a junction or directory link: removes the link only
        }
        else
        {
            File.Delete(path); // unlink: the link, never its target
        }
    }

    private static void CheckLengths(string full, string shown, int deepest)
    {
        string name = Path.GetFileName(full);
        int nameBytes = Encoding.UTF8.GetByteCount(name);
        if (nameBytes + TempOverhead > NameMax)
        {
            throw new OutputException(string.Create(
                CultureInfo.InvariantCulture,
                $"the output folder name '{Shown(name)}' is too long ({nameBytes} bytes; at most {NameMax - TempOverhead}, as the file system allows {NameMax} per name and LookoutSim writes beside it first)"));
        }

        foreach (string segment in full.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
        {
            if (Encoding.UTF8.GetByteCount(segment) > NameMax)
            {
                throw new OutputException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"'{shown}' has a folder name longer than {NameMax} bytes ('{Shown(segment)}'), more than the file system allows"));
            }
        }

        int longest = Encoding.UTF8.GetByteCount(full) + TempOverhead + 1 + deepest;
        if (longest > PathMax)
        {
            throw new OutputException(string.Create(
                CultureInfo.InvariantCulture,
                $"'{shown}' is too long: the deepest file LookoutSim writes there would have a {longest}-byte path, and the file system allows {PathMax}"));
        }
    }

    /// <summary>The nearest existing ancestor of <paramref name="parent"/> must be a folder LookoutSim can create folders in (tried with a probe folder, removed at once).</summary>
    private static void CheckWritable(string parent)
    {
        string? existing = parent;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw new OutputException($"cannot create '{Shown(parent)}': '{Shown(existing)}' is a file");
            }

            existing = Path.GetDirectoryName(existing);
        }

        if (existing is null)
        {
            throw new OutputException($"cannot create '{Shown(parent)}': no part of it exists");
        }

        string probe = TempName(Path.Combine(existing, "lookoutsim-probe"), "writing");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"cannot write in '{Shown(existing)}': {Shown(ex.Message)}", ex);
        }
    }

    private static void CheckReplaceable(string full, string shown, IEnumerable<string> inputs)
    {
        string cwd = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Directory.GetCurrentDirectory()));
        if (IsInside(cwd, full) || IsInside(RealPath(cwd), RealPath(full)))
        {
            throw new OutputException($"'{shown}' is the current folder or holds it; not replacing it even with --force");
        }

        foreach (string input in inputs)
        {
            string inputFull = Path.GetFullPath(input);
            if (IsInside(inputFull, full) || IsInside(RealPath(inputFull), RealPath(full)))
            {
                throw new OutputException($"'{shown}' holds '{Shown(input)}', which this command reads; not replacing it even with --force");
            }
        }

        if (!Directory.EnumerateFileSystemEntries(full).Any())
        {
            return;
        }

        IReadOnlyList<string> foreign = OutputManifest.Foreign(full, out string? problem);
        if (problem is not null)
        {
            var entries = new DirectoryInfo(full).EnumerateFileSystemInfos()
                .Select(e => e.Name + (e is DirectoryInfo && !IsLink(e) ? "/" : ""))
                .Order(StringComparer.Ordinal)
                .ToList();
            throw new OutputException(
                $"'{shown}' is not a folder LookoutSim wrote ({problem}; it holds {List(entries)}); not replacing it even with --force. " +
                "If it is an old results folder you no longer need, delete it yourself, or choose another --out");
        }

        if (foreign.Count > 0)
        {
            throw new OutputException(
                $"'{shown}' holds what LookoutSim did not write: {List(foreign)}; not replacing it even with --force (move those away, or choose another --out)");
        }
    }

    /// <summary>The first five names, and how many more.</summary>
    private static string List(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(5).Select(Shown)) +
        (names.Count > 5 ? string.Create(CultureInfo.InvariantCulture, $" and {names.Count - 5} more") : "");

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it.</summary>
    private static bool IsInside(string path, string folder)
    {
        path = Path.TrimEndingDirectorySeparator(path);
        folder = Path.TrimEndingDirectorySeparator(folder);
        return string.Equals(path, folder, PathComparison) ||
            (path.Length > folder.Length && path.StartsWith(folder, PathComparison) &&
             (path[folder.Length] == Path.DirectorySeparatorChar || path[folder.Length] == Path.AltDirectorySeparatorChar || folder.EndsWith(Path.DirectorySeparatorChar)));
    }

    /// <summary><paramref name="full"/> with every link along it resolved, as far as it exists.</summary>
    private static string RealPath(string full)
    {
        try
        {
            string? root = Path.GetPathRoot(full);
            if (string.IsNullOrEmpty(root))
            {
                return full;
            }

            string current = root;
            foreach (string segment in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
            {
                current = Path.Combine(current, segment);
                FileSystemInfo? target = new DirectoryInfo(current).Exists
                    ? new DirectoryInfo(current).ResolveLinkTarget(returnFinalTarget: true)
                    : new FileInfo(current).ResolveLinkTarget(returnFinalTarget: true);
                if (target is not null)
                {
                    current = Path.TrimEndingDirectorySeparator(target.FullName);
                }
            }

            return current;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return full;
        }
    }
}
