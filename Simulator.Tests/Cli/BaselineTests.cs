using LookoutSim.Cli;
using LookoutSim.Tests.Architecture;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// Dogfooding <c>compare</c>: the sample scenarios are re-run as <c>samples/baselines/commands.txt</c>
/// lists them and compared with the committed results, the way a planner's CI job does. A change
/// that moves cost or latency beyond tolerance and confidence intervals fails here. With
/// LOOKOUTSIM_UPDATE_BASELINES=1 the baselines are rewritten instead (summaries only: what compare reads).
/// </summary>
[NonParallelizable]
public sealed class BaselineTests
{
    private static readonly string[] Kept = ["summary.json", "summary.csv", "sweep.csv"];

    private static IEnumerable<TestCaseData> Baselines()
    {
        string root = LayeringTests.RepositoryRoot();
        foreach (string line in File.ReadAllLines(Path.Combine(root, "samples", "baselines", "commands.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            yield return new TestCaseData(line[..colon].Trim(), line[(colon + 1)..].Trim()).SetName("Baseline_" + line[..colon].Trim());
        }
    }

    [TestCaseSource(nameof(Baselines))]
    public void Rerun_ComparedWithCommittedBaseline_NoRegression(string folder, string arguments)
    {
        // Given
        string root = LayeringTests.RepositoryRoot();
        string baseline = Path.Combine(root, "samples", "baselines", folder);
        string current = Path.Combine(Path.GetTempPath(), "lookoutsim-baseline-" + Guid.NewGuid().ToString("N"));
        string[] args = [.. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a.StartsWith("samples/", StringComparison.Ordinal) ? Path.Combine(root, a) : a), "--quiet", "--out", current];

        try
        {
            // When
            (int runCode, _, string runErr) = Cli(args);
            Assert.That(runCode, Is.Zero, runErr);

            if (Environment.GetEnvironmentVariable("LOOKOUTSIM_UPDATE_BASELINES") == "1")
            {
                Keep(current, baseline);
                Assert.Warn($"baseline {folder} rewritten");
                return;
            }

            (int code, string table, string err) = Cli(["compare", baseline, current]);

            // Then
            Assert.That(code, Is.Zero, $"{table}\n{err}");
            Assert.That(table, Does.Not.Contain("REGRESSED"));
        }
        finally
        {
            if (Directory.Exists(current))
            {
                Directory.Delete(current, recursive: true);
            }
        }
    }

    [Test]
    public void Compare_OneMoreUnitThanBaseline_FlagsCost()
    {
        // Given: the steady baseline, re-run with one more unit
        string root = LayeringTests.RepositoryRoot();
        string current = Path.Combine(Path.GetTempPath(), "lookoutsim-baseline-" + Guid.NewGuid().ToString("N"));
        string line = File.ReadAllLines(Path.Combine(root, "samples", "baselines", "commands.txt")).First(l => l.StartsWith("steady:", StringComparison.Ordinal));
        string[] args = [.. line["steady:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => a.StartsWith("samples/", StringComparison.Ordinal) ? Path.Combine(root, a) : a), "--quiet", "--out", current];
        int units = int.Parse(File.ReadAllLines(Path.Combine(root, "samples", "steady.yaml")).First(l => l.TrimStart().StartsWith("min_units:", StringComparison.Ordinal)).Split(':')[1].Split('#')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);

        try
        {
            Assert.That(Cli([.. args, "--set", $"deployment.min_units={units + 1}", "--set", $"deployment.max_units={units + 1}"]).Code, Is.Zero);

            // When
            (int code, string table, _) = Cli(["compare", Path.Combine(root, "samples", "baselines", "steady"), current]);

            // Then
            Assert.That(code, Is.EqualTo(ExitCodes.CheckFailed), table);
            Assert.That(table, Does.Contain("cost"));
        }
        finally
        {
            if (Directory.Exists(current))
            {
                Directory.Delete(current, recursive: true);
            }
        }
    }

    private static void Keep(string from, string to)
    {
        if (Directory.Exists(to))
        {
            Directory.Delete(to, recursive: true);
        }

        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => Kept.Contains(Path.GetFileName(f))))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static (int Code, string Stdout, string Stderr) Cli(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
