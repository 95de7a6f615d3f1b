using System.Text.Json;
using LookoutSim.Cli;
using LookoutSim.Tests.Architecture;

namespace LookoutSim.Tests.Cli;

/// <summary>The bench command's shape and its simulation results; never its speed.</summary>
public sealed class BenchCommandTests
{
    [Test]
    public void BenchKernel_Json_ReportsEveryFieldAndErlangC()
    {
        // When
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CommandLine.Run(["bench", "kernel", "--customers", "400000", "--json"], stdout, stderr);

        // Then
        Assert.That(code, Is.Zero, stderr.ToString());
        JsonElement k = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("kernel");
        foreach (string key in new[] { "customers", "customers_per_s", "events_per_s", "alloc_bytes_per_customer", "wq_s", "wq_theory_s", "floor_customers_per_s" })
        {
            Assert.That(k.TryGetProperty(key, out _), Is.True, key);
        }

        Assert.That(k.GetProperty("wq_theory_s").GetDouble(), Is.EqualTo(1.525).Within(0.001));
        Assert.That(k.GetProperty("wq_s").GetDouble(), Is.EqualTo(1.525).Within(0.2), "400k customers: Wq within a loose band of Erlang C");
        Assert.That(k.GetProperty("alloc_bytes_per_customer").GetDouble(), Is.LessThan(16));
    }

    [Test]
    public void BenchModel_SmallScenario_ReportsRequestsAndMemory()
    {
        // Given: the steady sample (bench.yaml's week is too long for a unit test)
        string scenario = Path.Combine(LayeringTests.RepositoryRoot(), "samples", "steady.yaml");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        // When
        int code = CommandLine.Run(["bench", "model", "--scenario", scenario, "--json"], stdout, stderr);

        // Then
        Assert.That(code, Is.Zero, stderr.ToString());
        JsonElement m = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("model");
        Assert.That(m.GetProperty("requests").GetInt64(), Is.GreaterThan(1000));
        Assert.That(m.GetProperty("peak_working_set_mb").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public void Bench_TooFewCustomers_Exit2()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.That(CommandLine.Run(["bench", "kernel", "--customers", "10"], stdout, stderr), Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr.ToString(), Does.Contain("--customers"));
    }
}
