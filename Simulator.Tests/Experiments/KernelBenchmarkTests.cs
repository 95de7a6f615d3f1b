using LookoutSim.Experiments.Bench;

namespace LookoutSim.Tests.Experiments;

/// <summary>The kernel benchmark's warm-up, pairing and ratio logic, with fake loops and a fake clock; never a timing.</summary>
public sealed class KernelBenchmarkTests
{
    [Test]
    public void Plan_WarmsAllFourLoopsThenInterleavesPairsAlternatingWhichRunsFirst()
    {
        // When
        (IReadOnlyList<KernelStep> warmup, IReadOnlyList<KernelStep> timed) = KernelBenchmark.Plan(customers: 4_000_000, pairs: 4);

        // Then: warm-up rounds of floor, engine, lean floor, lean engine; short runs, none timed
        KernelLoop[] round = [KernelLoop.Floor, KernelLoop.Engine, KernelLoop.LeanFloor, KernelLoop.LeanEngine];
        Assert.That(warmup, Has.Count.EqualTo(4 * KernelBenchmark.WarmupRounds));
        Assert.That(warmup.Select(s => s.Loop), Is.EqualTo(Enumerable.Repeat(round, KernelBenchmark.WarmupRounds).SelectMany(x => x)));
        Assert.That(warmup.All(s => !s.Timed && s.Customers == KernelBenchmark.WarmupCustomers), Is.True);

        // Then: after the JIT has settled one more untimed round, then the pairs, the engine first in odd ones
        Assert.That(timed.Take(4).Select(s => s.Loop), Is.EqualTo(round));
        Assert.That(timed.Take(4).All(s => !s.Timed), Is.True);
        KernelStep[] pairs = [.. timed.Skip(4)];
        KernelLoop[] engineFirst = [KernelLoop.Engine, KernelLoop.Floor, KernelLoop.LeanEngine, KernelLoop.LeanFloor];
        Assert.That(pairs.Select(s => s.Loop), Is.EqualTo(round.Concat(engineFirst).Concat(round).Concat(engineFirst)));
        Assert.That(pairs.Select(s => s.Pair), Is.EqualTo(new[] { 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3 }));
        Assert.That(pairs.All(s => s.Customers == 4_000_000), Is.True);
    }

    [Test]
    public void Plan_FewCustomers_WarmUpRunsNoLongerThanTimedOnes()
    {
        (IReadOnlyList<KernelStep> warmup, _) = KernelBenchmark.Plan(customers: 400_000, pairs: 1);
        Assert.That(warmup.All(s => s.Customers == 400_000), Is.True);
    }

    [TestCase(999, 1)]
    [TestCase(1000, 0)]
    public void Plan_BadArguments_Throw(long customers, int pairs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelBenchmark.Plan(customers, pairs));

    [Test]
    public void Measure_SettlesAfterWarmUpAndJudgesTheMedianOfPairedRatiosNotTheRatioOfMedians()
    {
        // Given: fake loops that log what ran, and a clock giving each timed run a set wall time.
        // Judged pair speeds (floor, engine) in M customers/s: (1, 1), (2, 1.2), (1, 0.9): paired
        // ratios 1, 0.6, 0.9, median 0.9, while the ratio of the median speeds is 1. Lean pair
        // (lean floor, lean engine): (2, 1), (1, 0.8), (4, 3): ratios 0.5, 0.8, 0.75, median 0.75.
        var log = new List<string>();
        var walls = new Queue<double>([
            1.0, 1.0, 0.5, 1.0, // pair 0: floor, engine, lean floor, lean engine
            1 / 1.2, 0.5, 1 / 0.8, 1.0, // pair 1: engine, floor, lean engine, lean floor
            1.0, 1 / 0.9, 0.25, 1 / 3.0]);
        var cpus = new Queue<double>([2.0, 2.0, 1.0, 4.0, 4.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 3.0]);
        KernelStep? current = null;

        // When
        KernelBenchResult r = KernelBenchmark.Measure(
            1_000_000,
            3,
            step =>
            {
                current = step;
                log.Add($"{step.Loop}{(step.Timed ? step.Pair.ToString(System.Globalization.CultureInfo.InvariantCulture) : "w")}");
            },
            action =>
            {
                action();
                return (walls.Dequeue(), cpus.Dequeue());
            },
            () => log.Add("settle"));

        // Then: three warm-up rounds, the settle, one more round, then the pairs in alternating order
        string[] warm = ["Floorw", "Enginew", "LeanFloorw", "LeanEnginew"];
        Assert.That(log, Is.EqualTo(warm.Concat(warm).Concat(warm).Append("settle").Concat(warm).Concat(new[]
        {
            "Floor0", "Engine0", "LeanFloor0", "LeanEngine0",
            "Engine1", "Floor1", "LeanEngine1", "LeanFloor1",
            "Floor2", "Engine2", "LeanFloor2", "LeanEngine2",
        })));
        Assert.That(current!.Value.Pair, Is.EqualTo(2));
        Assert.That(walls, Is.Empty, "every timed run timed once");

        // Then: speeds per pair, the engine's run of pair 1 being the first timed in that pair
        Assert.That(r.FloorCustomersPerSRuns, Is.EqualTo(new[] { 1e6, 2e6, 1e6 }).Within(1e-3));
        Assert.That(r.CustomersPerSRuns, Is.EqualTo(new[] { 1e6, 1.2e6, 0.9e6 }).Within(1e-3));
        Assert.That(r.RatioRuns, Is.EqualTo(new[] { 1.0, 0.6, 0.9 }).Within(1e-9));
        Assert.That(r.RatioToFloor, Is.EqualTo(0.9).Within(1e-9), "median of the paired ratios");
        Assert.That(r.CustomersPerS / r.FloorCustomersPerS, Is.EqualTo(1.0).Within(1e-9), "the ratio of medians, not judged");
        Assert.That(r.RatioMin, Is.EqualTo(0.6).Within(1e-9));
        Assert.That(r.RatioMax, Is.EqualTo(1.0).Within(1e-9));

        // Then: the lean pair's speeds and ratios, apart from the judged pair's
        Assert.That(r.LeanFloorCustomersPerSRuns, Is.EqualTo(new[] { 2e6, 1e6, 4e6 }).Within(1e-3));
        Assert.That(r.LeanCustomersPerSRuns, Is.EqualTo(new[] { 1e6, 0.8e6, 3e6 }).Within(1e-3));
        Assert.That(r.LeanRatioRuns, Is.EqualTo(new[] { 0.5, 0.8, 0.75 }).Within(1e-9));
        Assert.That(r.LeanRatioToFloor, Is.EqualTo(0.75).Within(1e-9));

        // Then: the CPU ratio is floor CPU over engine CPU of each pair: judged 1, 0.5, 1 → median 1;
        // lean 0.25, 1, 1/3 → median 1/3
        Assert.That(r.RatioCpuRuns, Is.EqualTo(new[] { 1.0, 0.5, 1.0 }).Within(1e-9));
        Assert.That(r.RatioToFloorCpu, Is.EqualTo(1.0).Within(1e-9));
        Assert.That(r.LeanRatioCpuRuns, Is.EqualTo(new[] { 0.25, 1.0, 1 / 3.0 }).Within(1e-9));
        Assert.That(r.LeanRatioToFloorCpu, Is.EqualTo(1 / 3.0).Within(1e-9));
    }

    [Test]
    public void WaitForJit_StopsWhenTwoReadingsAgree()
    {
        var readings = new Queue<long>([5, 7, 9, 9, 12]);
        var slept = new List<int>();

        int polls = KernelBenchmark.WaitForJit(readings.Dequeue, slept.Add, pollMs: 50);

        Assert.That(polls, Is.EqualTo(3));
        Assert.That(slept, Is.EqualTo(new[] { 50, 50, 50 }));
        Assert.That(readings, Has.Count.EqualTo(1), "no reading after the two that agreed");
    }

    [Test]
    public void WaitForJit_NeverSettling_GivesUpAfterMaxPolls()
    {
        long n = 0;
        int sleeps = 0;

        int polls = KernelBenchmark.WaitForJit(() => n++, _ => sleeps++, pollMs: 1, maxPolls: 4);

        Assert.That(polls, Is.EqualTo(4));
        Assert.That(sleeps, Is.EqualTo(4));
    }
}
