using LookoutSim.Experiments;
using M = LookoutSim.Model;
using S = LookoutSim.Scenarios;

namespace LookoutSim.Tests.Experiments;

/// <summary>
/// Every scenario enum value maps to the model value of the same meaning (the same name), and every
/// model value is reached (the engine's distributions have more families than a scenario names): adding or reordering a value on either side fails here, not in a run.
/// </summary>
[TestFixture]
public class ScenarioEnumMappingTests
{
    [Test]
    public void Routing_EveryValue_MapsByName() =>
        AssertOneToOneByName<S.RoutingPolicy, M.RoutingPolicy>(ScenarioCompiler.Map);

    [Test]
    public void Admission_EveryValue_MapsByName() =>
        AssertOneToOneByName<S.AdmissionPolicy, M.AdmissionPolicy>(ScenarioCompiler.Map);

    [Test]
    public void ScalingMetric_EveryValue_MapsByName() =>
        AssertOneToOneByName<S.ScalingMetric, M.AutoscalingMetric>(ScenarioCompiler.Map);

    [Test]
    public void BillingBasis_EveryValue_MapsByName() =>
        AssertOneToOneByName<S.BillingBasis, M.BillingBasis>(ScenarioCompiler.Map);

    [Test]
    public void Jitter_EveryValue_MapsByName() =>
        AssertOneToOneByName<S.RetryJitter, M.Jitter>(ScenarioCompiler.Map);

    [Test]
    public void ProfileShape_EveryValue_MapsByName() =>
        AssertOneToOneByName<S.ProfileShape, M.DailyShape>(ScenarioCompiler.Map);

    [Test]
    public void ServiceDistribution_EveryValue_MapsByName() =>
        AssertOneToOneByName<S.ServiceDistribution, LookoutSim.Engine.DistributionKind>(ScenarioCompiler.Map, reachesEvery: false);

    [Test]
    public void Routing_ValueOutsideTheEnum_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ScenarioCompiler.Map((S.RoutingPolicy)99));

    private static void AssertOneToOneByName<TFrom, TTo>(Func<TFrom, TTo> map, bool reachesEvery = true)
        where TFrom : struct, Enum
        where TTo : struct, Enum
    {
        TFrom[] from = Enum.GetValues<TFrom>();
        TTo[] mapped = [.. from.Select(map)];
        Assert.Multiple(() =>
        {
            for (int i = 0; i < from.Length; i++)
            {
                Assert.That(mapped[i].ToString(), Is.EqualTo(from[i].ToString()), $"{typeof(TFrom).Name}.{from[i]}");
            }

            Assert.That(mapped.Distinct().Count(), Is.EqualTo(from.Length), "no two values map to one");
            if (reachesEvery)
            {
                Assert.That(mapped.Order(), Is.EqualTo(Enum.GetValues<TTo>().Order()), $"every {typeof(TTo).Name} value is reached");
            }
        });
    }
}
