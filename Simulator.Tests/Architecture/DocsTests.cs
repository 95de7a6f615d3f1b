using LookoutSim.Scenarios.Schema;

namespace LookoutSim.Tests.Architecture;

/// <summary>What the README promises a new user: every traffic pattern with its fields, and no pointer to a file the repository does not have.</summary>
public sealed class DocsTests
{
    private static string Readme() => File.ReadAllText(Path.Combine(LayeringTests.RepositoryRoot(), "README.md"));

    [Test]
    public void Readme_TrafficPatterns_EveryPatternAndEveryFieldListed()
    {
        // Given the README's traffic-pattern table
        string readme = Readme();
        int start = readme.IndexOf("### Traffic patterns", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "README has no 'Traffic patterns' section");
        string section = readme[start..readme.IndexOf("\n### ", start + 5, StringComparison.Ordinal)];

        // Then: a row per pattern of the schema, naming each field only that pattern has
        foreach (string pattern in ScenarioSchema.Patterns)
        {
            string? row = section.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{pattern}` |", StringComparison.Ordinal));
            Assert.That(row, Is.Not.Null, pattern);
            SchemaNode source = ScenarioSchema.Root.Fields.Single(f => f.Key == "traffic").Node.Item!;
            foreach (SchemaField field in source.Fields.Where(f => f.Patterns.Contains(pattern)))
            {
                Assert.That(row, Does.Contain($"`{field.Key}`"), $"{pattern}: {field.Key}");
            }
        }
    }

    [Test]
    public void Samples_DoNotReferToScenarioMd()
    {
        // The format's documentation is the README and `lookoutsim schema`; the repository has no scenario.md
        Assert.That(File.Exists(Path.Combine(LayeringTests.RepositoryRoot(), "scenario.md")), Is.False);
        foreach (string file in Directory.GetFiles(Path.Combine(LayeringTests.RepositoryRoot(), "samples"), "*.yaml"))
        {
            Assert.That(File.ReadAllText(file), Does.Not.Contain("scenario.md"), file);
        }
    }

    [Test]
    public void Readme_Tests_SayHowLongAndWhatNeedsChromiumOrSlurm()
    {
        string readme = Readme();
        Assert.That(readme, Does.Match(@"runs the whole suite in about \d+ minutes"));
        Assert.That(readme, Does.Contain("HtmlReportBrowserTests.cs").And.Contain("skipped on your machine and fail under `CI=true`"));
        Assert.That(readme, Does.Contain("--filter TestCategory!=Slurm"));
    }
}
