using System.Text.Json;
using LookoutSim.Experiments.Observed;
using LookoutSim.Tests.Architecture;

namespace LookoutSim.Tests.Cli;

/// <summary>The metric-data-queries samples ask for exactly the metrics LookoutSim reads, by the statistic it reads them with.</summary>
public sealed class ObservedQueriesSampleTests
{
    [TestCase("queries-lookoutvision.json", CloudWatchMetrics.LookoutVision)]
    [TestCase("queries-rekognition.json", CloudWatchMetrics.Rekognition)]
    public void Queries_MatchTheCatalogue(string file, string ns)
    {
        // Given
        string path = Path.Combine(LayeringTests.RepositoryRoot(), "samples", "observed", file);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));

        // When
        var asked = doc.RootElement.EnumerateArray().Select(q =>
        {
            JsonElement stat = q.GetProperty("MetricStat");
            JsonElement metric = stat.GetProperty("Metric");
            return (Namespace: metric.GetProperty("Namespace").GetString(), Name: metric.GetProperty("MetricName").GetString(),
                Stat: stat.GetProperty("Stat").GetString(), Label: q.GetProperty("Label").GetString(), Period: stat.GetProperty("Period").GetInt32());
        }).ToList();

        // Then
        Assert.That(asked.Select(a => a.Name), Is.EquivalentTo(CloudWatchMetrics.In(ns).Select(m => m.Name)));
        foreach (var a in asked)
        {
            CloudWatchMetric m = CloudWatchMetrics.Find(a.Name!, ns)!;
            Assert.That((a.Namespace, a.Stat, a.Label, a.Period), Is.EqualTo((ns, m.Statistic, m.Name, 60)), a.Name);
        }
    }
}
