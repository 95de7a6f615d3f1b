using System.Text;
using System.Text.Json;
using LookoutSim.Experiments;
using LookoutSim.Metrics;

namespace LookoutSim.Output;

/// <summary>How <see cref="SweepFolder.Begin"/> writes a sweep folder.</summary>
public sealed record SweepWriteOptions
{
    /// <summary>Replace an existing folder. <remarks>Default false: an existing folder is never touched.</remarks></summary>
    public bool Force { get; init; }

    /// <summary>Which share of the points the folder holds. <remarks>Default: the whole sweep (no <c>shard.json</c>).</remarks></summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>Draws the sweep charts into <c>plots/</c>. <remarks>Default true; shard folders never get charts (merge draws them).</remarks></summary>
    public bool Charts { get; init; } = true;

    /// <summary>Files the sweep reads (the scenario, its traces): <c>--force</c> never replaces a folder holding one. Default: none.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
}

/// <summary>
/// Writes a sweep folder: <c>sweep.csv</c>, <c>points/&lt;id&gt;/</c> with each point's files,
/// <c>plots/</c> with the sweep charts and <c>sweep.html</c> (<see cref="SweepReport"/>), and for a shard
/// <c>shard.json</c> instead of the charts and the page (merge draws them). Everything goes to a
/// temporary folder beside the target, renamed into place when complete, so a folder that exists is whole.
/// </summary>
public static class SweepFolder
{
    /// <summary>
    /// Checks <paramref name="target"/> and every point id, and opens the temporary folder the sweep
    /// (or its shard) is written into while it runs: <see cref="SweepFolderWriter.WritePoint"/> as each
    /// point completes, then <see cref="SweepFolderWriter.Complete"/> with the table. Nothing is run here.
    /// </summary>
    /// <exception cref="SweepFolderExistsException">When the target exists and <see cref="SweepWriteOptions.Force"/> is false.</exception>
    public static SweepFolderWriter Begin(SweepDefinition definition, string target, SweepWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        foreach (SweepPoint p in definition.Points)
        {
            SafePath.Segment(p.Id, definition.Name, 0, "point id"); // before anything runs or is written
        }

        int deepest = "points/".Length + definition.Points.Select(p => p.Id.Length).DefaultIfEmpty(0).Max() + 1 + ResultsFolder.Deepest;
        return new SweepFolderWriter(definition, SweepStaging.Begin(target, options.Force, "sweep", options.Inputs, deepest), options);
    }

    /// <summary>
    /// The folder of point <paramref name="id"/> under <paramref name="points"/>, after checking that the id
    /// is one safe folder name (<see cref="SafePath.Segment"/>) and the folder stays under <c>points/</c>.
    /// </summary>
    /// <param name="points">The <c>points/</c> folder.</param>
    /// <param name="id">The point id.</param>
    /// <param name="source">Where the id came from, for the message.</param>
    /// <exception cref="OutputException">When the id is not a safe folder name.</exception>
    public static string PointFolder(string points, string id, string source) =>
        SafePath.Within(points, SafePath.Segment(id, source, 0, "point id"));

    /// <summary>Writes <c>shard.json</c>.</summary>
    public static void WriteManifest(ShardManifest manifest, string folder) =>
        File.WriteAllText(Path.Combine(folder, "shard.json"), JsonOutput.Serialize(manifest) + "\n", new UTF8Encoding(false));

    /// <summary>Reads <c>shard.json</c>, or null when the folder has none.</summary>
    /// <exception cref="JsonException">When it is not a valid manifest.</exception>
    public static ShardManifest? ReadManifest(string folder)
    {
        string path = Path.Combine(folder, "shard.json");
        return File.Exists(path) ? JsonOutput.Deserialize<ShardManifest>(File.ReadAllText(path)) : null;
    }
}

/// <summary>The target folder exists and replacing it was not asked for.</summary>
public sealed class SweepFolderExistsException : IOException
{
    /// <summary>Creates the exception for <paramref name="folder"/>.</summary>
    public SweepFolderExistsException(string folder)
        : base($"{folder} exists; pass --force to replace it") => Folder = folder;

    /// <summary>Creates the exception.</summary>
    public SweepFolderExistsException()
    {
        Folder = "";
    }

    /// <summary>Creates the exception.</summary>
    public SweepFolderExistsException(string message, Exception inner)
        : base(message, inner)
    {
        Folder = "";
    }

    /// <summary>The folder.</summary>
    public string Folder { get; }
}

/// <summary>
/// A temporary folder beside a target, renamed onto it with its manifest by <see cref="Commit"/>;
/// deleted on dispose when not committed (an interrupted run leaves nothing behind). The checks,
/// the naming and the replacing are <see cref="OutputFolder"/>'s.
/// </summary>
public sealed class SweepStaging : IDisposable
{
    private readonly string _target;
    private readonly string _shown;
    private readonly bool _force;
    private readonly string _kind;
    private readonly IReadOnlyList<string> _inputs;
    private bool _committed;

    private SweepStaging(string target, string shown, string path, bool force, string kind, IReadOnlyList<string> inputs)
    {
        _target = target;
        _shown = shown;
        Path = path;
        _force = force;
        _kind = kind;
        _inputs = inputs;
    }

    /// <summary>The temporary folder to write into.</summary>
    public string Path { get; }

    /// <summary>Checks <paramref name="target"/> and creates the temporary folder beside it, for a sweep folder.</summary>
    /// <exception cref="SweepFolderExistsException">When the target exists and <paramref name="force"/> is false.</exception>
    /// <exception cref="OutputException">When it exists and may not be replaced, or cannot be written.</exception>
    public static SweepStaging Begin(string target, bool force) => Begin(target, force, "sweep", [], 64);

    /// <summary>Checks <paramref name="target"/> (<see cref="OutputFolder.CheckTarget"/>) and creates the temporary folder beside it.</summary>
    /// <param name="target">The output folder as the user gave it.</param>
    /// <param name="force">Replace an existing folder LookoutSim wrote.</param>
    /// <param name="kind">The kind written in the manifest: <c>sweep</c>, <c>plan</c>.</param>
    /// <param name="inputs">What the command reads: never replaced.</param>
    /// <param name="deepest">The longest path (characters) written inside the folder.</param>
    /// <exception cref="SweepFolderExistsException">When the target exists and <paramref name="force"/> is false.</exception>
    /// <exception cref="OutputException">When it exists and may not be replaced, or cannot be written.</exception>
    public static SweepStaging Begin(string target, bool force, string kind, IReadOnlyList<string> inputs, int deepest)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!force && !string.IsNullOrWhiteSpace(target) && !target.Contains('\0', StringComparison.Ordinal) &&
            (Directory.Exists(target) || File.Exists(target)))
        {
            throw new SweepFolderExistsException(OutputFolder.Shown(target));
        }

        string full = OutputFolder.CheckTarget(target, force, inputs, deepest);
        try
        {
            return new SweepStaging(full, target, OutputFolder.BeginTemp(full), force, kind, inputs);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"cannot write '{OutputFolder.Shown(target)}': {OutputFolder.Shown(ex.Message)}", ex);
        }
    }

    /// <summary>Writes the manifest and moves the finished folder onto the target (replacing it when forced and allowed).</summary>
    public void Commit()
    {
        if (!_force && (Directory.Exists(_target) || File.Exists(_target)))
        {
            throw new SweepFolderExistsException(OutputFolder.Shown(_shown));
        }

        OutputFolder.Commit(Path, _target, _shown, _force, _kind, _inputs);
        _committed = true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_committed)
        {
            OutputFolder.Discard(Path);
        }
    }
}
