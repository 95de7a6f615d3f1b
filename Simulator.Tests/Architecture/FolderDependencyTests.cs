using System.Text.RegularExpressions;

namespace LookoutSim.Tests.Architecture;

/// <summary>
/// Reads the source and fails, naming file and line, when a folder uses a folder it may not:
/// dependencies point one way (Cli → Experiments → Model → Engine; Metrics observes the model;
/// Output consumes results and never runs experiments; Scenarios, its own project, uses none of
/// the program's folders). A use is a <c>using</c> directive or a qualified name of a
/// <c>LookoutSim.X</c> namespace (<c>LookoutSim.Output.TraceReader</c>, or <c>Output.TraceReader</c>
/// written inside <c>LookoutSim</c>); folder X holds namespace <c>LookoutSim.X</c>.
/// </summary>
public sealed partial class FolderDependencyTests
{
    /// <summary>Each folder and the folders its code may use; the table the architecture is.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Engine"] = [],
        ["Model"] = ["Engine"],
        ["Metrics"] = ["Engine", "Model"],
        ["Experiments"] = ["Engine", "Model", "Metrics", "Scenarios"],
        ["Output"] = ["Experiments", "Metrics", "Model", "Scenarios"],
        ["Cli"] = ["Experiments", "Metrics", "Model", "Output", "Scenarios"],
        ["Scenarios"] = [],
    };

    /// <summary>What runs experiments: Output takes their results and never calls them.</summary>
    internal static readonly string[] Runners = ["SweepRunner", "Planner", "ScenarioRun", "ReplicationRunner", "ReplicationScheduler", "ScenarioCompiler"];

    private static IEnumerable<string> Folders() => Allowed.Keys;

    /// <summary>Where a folder's source lives, from the repository root.</summary>
    private static string SourceFolder(string folder) => folder == "Scenarios" ? "Scenarios" : Path.Combine("Simulator", folder);

    [TestCaseSource(nameof(Folders))]
    public void Folder_UsesOnlyTheFoldersItMay(string folder)
    {
        // Given
        string repository = LayeringTests.RepositoryRoot();
        string root = Path.Combine(repository, SourceFolder(folder));
        Assert.That(Directory.Exists(root), Is.True, $"{root} is missing");
        var violations = new List<string>();

        // When
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Where(f => !IsBuildOutput(f)))
        {
            violations.AddRange(Violations(Path.GetRelativePath(repository, file), folder, File.ReadAllLines(file)));
        }

        // Then
        Assert.That(violations, Is.Empty, string.Join(Environment.NewLine, violations));
    }

    [Test]
    public void Table_NamesEveryFolderOfTheProgram()
    {
        // A new folder must take its place in the table, or nothing would check it.
        string program = Path.Combine(LayeringTests.RepositoryRoot(), "Simulator");
        string[] folders = [.. Directory.GetDirectories(program).Select(Path.GetFileName).OfType<string>().Where(d => d is not ("bin" or "obj" or "Properties"))];
        Assert.That(folders, Is.SubsetOf(Allowed.Keys));
        Assert.That(Allowed.Values.SelectMany(v => v).Distinct(), Is.SubsetOf(Allowed.Keys));
    }

    [Test]
    public void Checker_PlantedViolations_NamedByFileAndLine()
    {
        // Given: an Output file that uses the command line, reaches into it by a full name, and runs a sweep
        string[] planted =
        [
            "using System.Text;",
            "using LookoutSim.Cli;",
            "using LookoutSim.Metrics;",
            "",
            "namespace LookoutSim.Output;",
            "",
            "internal static class Planted",
            "{",
            "    public static int Run() => LookoutSim.Cli.CommandLine.Run([]);",
            "    public static object Table() => SweepRunner.Run(null!, null!, [], 1, null, null, default);",
            "    public static string Engine() => Engine.SplitMix64.Name; // LookoutSim.Cli in a comment is not a use",
            "}",
        ];

        // When
        IReadOnlyList<string> found = Violations("Simulator/Output/Planted.cs", "Output", planted);

        // Then: lines 2, 9, 10 and 11, each named; the allowed Metrics and the comment are not
        Assert.That(found.Select(v => v.Split(": ")[0]), Is.EqualTo(new[]
        {
            "Simulator/Output/Planted.cs:2", "Simulator/Output/Planted.cs:9", "Simulator/Output/Planted.cs:10", "Simulator/Output/Planted.cs:11",
        }));
        Assert.That(found[0], Does.Contain("Output uses Cli"));
        Assert.That(found[2], Does.Contain("SweepRunner"));
        Assert.That(found[3], Does.Contain("Output uses Engine"));
    }

    [Test]
    public void Checker_ExperimentsBuildingAnOutputReader_IsAViolation()
    {
        // The dependency that once pointed the wrong way: the experiments constructing Output's trace reader.
        string[] planted = ["namespace LookoutSim.Experiments;", "", "using S = LookoutSim.Output;", "static class C { static object R() => new Output.TraceReader(\"t.csv\", \"time_s\", default); }"];
        Assert.That(Violations("Simulator/Experiments/C.cs", "Experiments", planted).Select(v => v.Split(": ")[0]),
            Is.EqualTo(new[] { "Simulator/Experiments/C.cs:3", "Simulator/Experiments/C.cs:4" }));
    }

    /// <summary>Every use in <paramref name="lines"/> that <paramref name="folder"/> may not make, as <c>file:line: what: code</c>.</summary>
    internal static IReadOnlyList<string> Violations(string file, string folder, IReadOnlyList<string> lines)
    {
        string[] allowed = Allowed[folder];
        var found = new List<string>();
        for (int i = 0; i < lines.Count; i++)
        {
            string code = LayeringTests.StripComment(lines[i]);
            if (code.TrimStart().StartsWith("namespace ", StringComparison.Ordinal))
            {
                continue;
            }

            IEnumerable<string> used = FullName().Matches(code).Select(m => m.Groups[1].Value)
                .Concat(ShortName().Matches(code).Select(m => m.Groups[1].Value))
                .Where(u => u != folder && Allowed.ContainsKey(u) && !allowed.Contains(u))
                .Distinct(StringComparer.Ordinal);
            foreach (string u in used)
            {
                found.Add($"{file}:{i + 1}: {folder} uses {u} (it may use: {(allowed.Length == 0 ? "none" : string.Join(", ", allowed))}): {lines[i].Trim()}");
            }

            if (folder == "Output")
            {
                foreach (string runner in Runners.Where(r => Regex.IsMatch(code, $@"\b{r}\b")))
                {
                    found.Add($"{file}:{i + 1}: Output names {runner}: it writes results and never runs experiments: {lines[i].Trim()}");
                }
            }
        }

        return found;
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ||
        file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    /// <summary><c>LookoutSim.X</c> anywhere in code (using directives, aliases, full names).</summary>
    [GeneratedRegex(@"\bLookoutSim\.(\w+)")]
    private static partial Regex FullName();

    /// <summary><c>X.Type</c> written inside <c>LookoutSim</c>, not after a dot: a name relative to the root namespace.</summary>
    [GeneratedRegex(@"(?<![\w.])(Engine|Model|Metrics|Experiments|Output|Cli|Scenarios)\.(?=[A-Z])")]
    private static partial Regex ShortName();
}
