using System.CommandLine;
using LookoutSim.Cli;

namespace LookoutSim.Tests.Cli;

public sealed class GitHubActionsSampleTests
{
    private static List<string[]> LookoutsimCommands()
    {
        string file = Path.Combine(CalibrateCommandTests.RepositoryRoot(), "samples", "ci", "github-actions.yml");
        return File.ReadLines(file)
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("run: lookoutsim ", StringComparison.Ordinal))
            .Select(l => l["run: lookoutsim ".Length..]
                .Replace("\"$GITHUB_STEP_SUMMARY\"", "summary.md", StringComparison.Ordinal)
                .Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
    }

    [Test]
    public void Workflow_CompareStep_ParsesAndWritesTheJobSummary()
    {
        // Given the sample workflow's compare step
        string[] compare = LookoutsimCommands().Single(c => c[0] == "compare");

        // When
        ParseResult parsed = CommandLine.Build().Parse(compare);

        // Then
        Assert.That(parsed.Errors, Is.Empty);
        Assert.That(compare, Does.Contain("--markdown"));
        Assert.That(compare, Does.Contain("summary.md"), "the summary must go to $GITHUB_STEP_SUMMARY");
    }

    [Test]
    public void Workflow_EveryLookoutsimStepOfAKnownVerb_Parses()
    {
        // Given each `lookoutsim VERB …` step whose verb this build has (the sweep step is checked once `sweep` exists)
        RootCommand root = CommandLine.Build();
        var verbs = root.Subcommands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        List<string[]> steps = LookoutsimCommands();

        // Then
        Assert.That(steps.Select(s => s[0]), Does.Contain("sweep").And.Contain("compare"));
        foreach (string[] step in steps.Where(s => verbs.Contains(s[0])))
        {
            Assert.That(CommandLine.Build().Parse(step).Errors, Is.Empty, string.Join(' ', step));
        }
    }
}
