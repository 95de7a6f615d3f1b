using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace LookoutSim.Tests.Architecture;

/// <summary>
/// Reads the source and fails, naming file and line, when the engine or the model reaches for
/// something that would make a run depend on more than scenario + seed, or on the outside world.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly (string Pattern, string Why)[] Forbidden =
    [
        (@"\bConsole\b", "Console: the model prints nothing; Cli and Output do"),
        (@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b", "the wall clock: simulated time only"),
        (@"\bEnvironment\.TickCount", "the wall clock: simulated time only"),
        (@"\bStopwatch\b", "the wall clock: simulated time only"),
        (@"new\s+(System\.)?Random\s*\(", "new Random(: use a named RandomStream"),
        (@"\bRandom\.Shared\b", "Random.Shared: use a named RandomStream"),
        (@"\bGetHashCode\s*\(\s*\)", "GetHashCode(): randomised per process"),
        (@"\bCsvHelper\b", "CsvHelper: files belong to Output"),
        (@"\bScottPlot\b", "ScottPlot: charts belong to Output"),
        (@"\bSystem\.CommandLine\b", "System.CommandLine: commands belong to Cli"),
        (@"\bSystem\.IO\b|\bFile\.|\bDirectory\.", "file I/O: only Output and Cli touch files"),
        (@"\bYamlDotNet\b|\bCronos\b", "scenario parsing: the model takes a compiled config"),
    ];

    private static IEnumerable<string> GuardedFolders() => ["Simulator/Engine", "Simulator/Model"];

    [TestCaseSource(nameof(GuardedFolders))]
    public void GuardedFolder_UsesNothingForbidden(string folder)
    {
        // Given
        string root = Path.Combine(RepositoryRoot(), folder);
        Assume.That(Directory.Exists(root) || folder.EndsWith("Model", StringComparison.Ordinal), Is.True, $"{folder} is missing");
        var violations = new List<string>();

        // When
        foreach (string file in Directory.Exists(root) ? Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories) : [])
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string code = StripComment(lines[i]);
                foreach ((string pattern, string why) in Forbidden)
                {
                    if (Regex.IsMatch(code, pattern))
                    {
                        violations.Add($"{Path.GetRelativePath(RepositoryRoot(), file)}:{i + 1}: {why}: {lines[i].Trim()}");
                    }
                }
            }
        }

        // Then
        Assert.That(violations, Is.Empty, string.Join(Environment.NewLine, violations));
    }

    [Test]
    public void Scanner_FindsAPlantedViolation()
    {
        // The scanner itself must be able to fail: a line of forbidden code is caught, a comment is not.
        string code = StripComment("var r = new Random(42); // Console");
        Assert.That(Forbidden.Any(f => Regex.IsMatch(code, f.Pattern)), Is.True);
        Assert.That(Forbidden.Any(f => Regex.IsMatch(StripComment("// Console.WriteLine"), f.Pattern)), Is.False);
    }

    internal static string RepositoryRoot([CallerFilePath] string here = "")
    {
        string? dir = Path.GetDirectoryName(here);
        while (dir is not null && !File.Exists(Path.Combine(dir, "LookoutSim.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        // Fallback when the source path is not available: walk up from the test binaries.
        dir ??= FindFrom(AppContext.BaseDirectory);
        return dir ?? throw new InvalidOperationException("LookoutSim.sln not found above the tests");
    }

    private static string? FindFrom(string start)
    {
        string? dir = start;
        while (dir is not null && !File.Exists(Path.Combine(dir, "LookoutSim.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir;
    }

    internal static string StripComment(string line)
    {
        int i = line.IndexOf("//", StringComparison.Ordinal);
        string code = i >= 0 ? line[..i] : line;
        return code.TrimStart().StartsWith('*') || code.TrimStart().StartsWith("///", StringComparison.Ordinal) ? "" : code;
    }
}
