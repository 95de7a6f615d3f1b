using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

public sealed class SweepChartsTests
{
    [Test]
    public void ParetoFront_LowerIsBetter_KeepsOnlyUndominatedPointsByX()
    {
        // Given (p99, cost): (1, 10) (2, 5) (3, 6) dominated by (2, 5); (4, 1); (2, 5) again; (5, 1) dominated by (4, 1)
        double[] xs = [1, 2, 3, 4, 2, 5];
        double[] ys = [10, 5, 6, 1, 5, 1];

        // When
        IReadOnlyList<int> front = SweepCharts.ParetoFront(xs, ys, lowerXIsBetter: true);

        // Then: ties are both on the front
        Assert.That(front, Is.EqualTo(new[] { 0, 1, 4, 3 }));
    }

    [Test]
    public void ParetoFront_HigherIsBetter_ForAvailability()
    {
        // Given (availability, cost): (0.99, 1) (0.999, 2) (0.998, 3) dominated; (0.9999, 5)
        double[] xs = [0.99, 0.999, 0.998, 0.9999];
        double[] ys = [1, 2, 3, 5];

        // When
        IReadOnlyList<int> front = SweepCharts.ParetoFront(xs, ys, lowerXIsBetter: false);

        // Then
        Assert.That(front, Is.EqualTo(new[] { 0, 1, 3 }));
    }
}
