using LookoutSim.Experiments;

namespace LookoutSim.Tests.Experiments;

public sealed class ReplicationSchedulerTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(7)]
    public void Run_AnyThreadCount_ResultsAreIndexedByJobNotCompletionOrder(int parallel)
    {
        // Given jobs whose durations vary so that they finish out of order
        int[] spins = [.. Enumerable.Range(0, 40).Select(i => (i * 7919 % 13) * 20_000)];

        // When
        int[] results = ReplicationScheduler.Run(
            spins.Length,
            (job, _) =>
            {
                Thread.SpinWait(spins[job]);
                return job * job;
            },
            parallel,
            null,
            CancellationToken.None);

        // Then
        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 40).Select(i => i * i).ToArray()));
    }

    [Test]
    public void Run_JobThrows_RethrowsItAndStartsNoMoreJobs()
    {
        // Given job 0 fails while every other job waits until the run is being stopped
        int started = 0;

        // When
        var ex = Assert.Throws<InvalidOperationException>(() => ReplicationScheduler.Run<int>(
            1000,
            (job, ct) =>
            {
                Interlocked.Increment(ref started);
                if (job == 0)
                {
                    throw new InvalidOperationException("boom");
                }

                ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
                return job;
            },
            2,
            null,
            CancellationToken.None));

        // Then: the failing job and at most the one already running on the other worker
        Assert.That(ex!.Message, Is.EqualTo("boom"));
        Assert.That(started, Is.LessThanOrEqualTo(2));
    }

    [Test]
    public void Run_Cancelled_ThrowsOperationCanceled()
    {
        // Given
        using var cts = new CancellationTokenSource();

        // When / Then
        Assert.Throws<OperationCanceledException>(() => ReplicationScheduler.Run(
            100,
            (job, _) =>
            {
                if (job == 5)
                {
                    cts.Cancel();
                }

                return job;
            },
            2,
            null,
            cts.Token));
    }
}
