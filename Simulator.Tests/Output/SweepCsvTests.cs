using System.Globalization;
using LookoutSim.Experiments;
using LookoutSim.Metrics;
using LookoutSim.Output;
using LookoutSim.Tests.Experiments;

namespace LookoutSim.Tests.Output;

public sealed class SweepCsvTests
{
    private static SweepTable Table()
    {
        var model = new SweepTestModel(SweepTestSupport.SweepSpec(replications: 3));
        SweepDefinition def = model.Definition();
        return SweepRunner.Run(def, model.Model(), [.. Enumerable.Range(0, def.Points.Count)], 2, null, null, CancellationToken.None);
    }

    [Test]
    [SetCulture("de-DE")]
    public void Format_UnderAGermanCulture_WritesInvariantNumbersAndTheContractHeader()
    {
        // When
        string text = SweepCsv.Format(Table());
        string[] lines = text.Split('\n');

        // Then
        Assert.That(lines[0], Does.StartWith("point,deployment.min_units,autoscaling.target,requests_arrived_mean,requests_arrived_ci95_low,requests_arrived_ci95_high,"));
        Assert.That(lines[0], Does.EndWith(",wall_s_mean,wall_s_ci95_low,wall_s_ci95_high"));
        Assert.That(lines[0].Split(',').Length, Is.EqualTo(3 + (3 * MeasureNames.All.Count)));
        Assert.That(lines[1], Does.StartWith("p000,2,50%,"));
        Assert.That(lines[1], Does.Not.Contain(";"));
        double p99 = double.Parse(lines[1].Split(',')[3 + (3 * 15)], CultureInfo.InvariantCulture);
        Assert.That(p99, Is.GreaterThan(0.1).And.LessThan(10), "latency_p99_s_mean is a plain invariant number");
    }

    [Test]
    [SetCulture("de-DE")]
    public void Read_WhatFormatWrote_FormatsBackByteForByte()
    {
        // Given
        string folder = SweepTestSupport.TempFolder("csv");
        SweepTable table = Table();
        SweepCsv.Write(table, folder);

        // When
        SweepTable back = SweepCsv.Read(Path.Combine(folder, "sweep.csv"));

        // Then
        Assert.That(SweepCsv.Format(back), Is.EqualTo(File.ReadAllText(Path.Combine(folder, "sweep.csv"))));
        Assert.That(back.Rows[3].Point.Parameters, Is.EqualTo(table.Rows[3].Point.Parameters.Where(p => table.Fields.Contains(p.Key))));
    }

    [Test]
    public void Format_MeasureWithoutValue_IsAnEmptyField_NotNaN()
    {
        // Given a sweep with no batch job: batch_completion_s has no value in any point
        string text = SweepCsv.Format(Table());
        string[] header = text.Split('\n')[0].Split(',');
        string[] row = text.Split('\n')[1].Split(',');
        int column = Array.IndexOf(header, "batch_completion_s_mean");

        // Then its fields are empty, and no field anywhere says NaN
        Assert.That(column, Is.GreaterThan(0));
        Assert.That((row[column], row[column + 1], row[column + 2]), Is.EqualTo(("", "", "")));
        Assert.That(text, Does.Not.Contain("NaN"));
    }

    [Test]
    public void SummaryCsv_CostUnit_IsTheScenariosCurrency()
    {
        // Given a run billed in EUR
        RunResult result = FakeResults.Realistic() is var r ? new RunResult
        {
            Version = r.Version, Scenario = r.Scenario, ScenarioSha256 = r.ScenarioSha256, Seed = r.Seed, HorizonS = r.HorizonS,
            WarmupS = r.WarmupS, Metrics = r.Metrics, Slo = r.Slo, Replications = r.Replications, Currency = "EUR",
        } : null!;
        string folder = SweepTestSupport.TempFolder("summary-currency");
        string path = Path.Combine(folder, "summary.csv");

        // When
        ResultsCsv.WriteSummary(result, path);

        // Then the cost rows name EUR, and reading the file back still knows cost is money
        string[] lines = File.ReadAllLines(path);
        Assert.That(lines.Where(l => l.StartsWith("cost,", StringComparison.Ordinal)).Single(), Does.StartWith("cost,EUR,"));
        Assert.That(ResultsSummaryReader.ReadSummaryCsv(path).Single(m => m.Name == "cost").Unit, Is.EqualTo("currency"));
    }

    [Test]
    public void Format_ValueWithAComma_IsQuotedAndReadsBack()
    {
        // Given
        MetricSummary[] metrics = [.. MeasureNames.All.Select(m => new MetricSummary(m.Name, m.Unit, 1.5, 1, 2, 1, 2))];
        var table = new SweepTable(["traffic.profile"], [new SweepTableRow(0, new SweepPoint("p0", [new("traffic.profile", "[1, 2]")]), metrics)]);
        string folder = SweepTestSupport.TempFolder("csvq");

        // When
        SweepCsv.Write(table, folder);
        SweepTable back = SweepCsv.Read(Path.Combine(folder, "sweep.csv"));

        // Then
        Assert.That(File.ReadAllText(Path.Combine(folder, "sweep.csv")), Does.Contain("p0,\"[1, 2]\",1.5,1,2,"));
        Assert.That(back.Rows[0].Field("traffic.profile"), Is.EqualTo("[1, 2]"));
    }
}
