using LookoutSim.Engine;

namespace LookoutSim.Tests.Engine;

/// <summary>
/// The state copier: a copy of a running simulation continues exactly as the original; references
/// keep their sharing; shared and substituted objects are not copied; what cannot be copied is refused.
/// </summary>
public sealed class StateCopierTests
{
    /// <summary>An event handler that draws from its stream and reschedules itself, logging what it did.</summary>
    private sealed class Walker(Simulation sim, RandomStream rng, List<double> log) : EventHandlerBase
    {
        public Walker? Partner { get; set; }

        public override void Handle(in EventPayload payload)
        {
            log.Add(sim.Now + payload.Value);
            sim.Schedule(rng.NextExponential(1), payload.Index % 2 == 0 ? this : Partner!, new EventPayload(0, payload.Index + 1, 0, rng.NextDouble(), payload.Ref), payload.Index % 3);
        }
    }

    private sealed class Holder
    {
        public object[] Items = [];
        public int[] Numbers = [];
        public (string Name, Holder? Next) Pair;
        public Func<int>? Count;
        public Stream? File;
    }

    private static (Simulation Sim, List<double> Log) Build()
    {
        var sim = new Simulation();
        var log = new List<double>();
        var streams = new RandomStreams(3, 1);
        var a = new Walker(sim, streams.Get("a"), log);
        var b = new Walker(sim, streams.Get("b"), log) { Partner = a };
        a.Partner = b;
        sim.Schedule(0.5, a, new EventPayload(0, 0, 0, 0, log));
        sim.Schedule(0.5, b, new EventPayload(0, 1, 0, 0, log));
        return (sim, log);
    }

    [Test]
    public void Copy_RunningSimulation_ContinuesAsTheOriginal()
    {
        // Given a simulation of two handlers drawing from their streams, run to t = 50
        (Simulation sim, List<double> log) = Build();
        sim.Run(50);

        // When it is copied (with its log) and both run on to t = 200
        object[] copy = new StateCopier(_ => false).Copy<object[]>([sim, log]);
        var sim2 = (Simulation)copy[0];
        var log2 = (List<double>)copy[1];
        sim.Run(200);
        sim2.Run(200);

        // Then the copy did exactly what the original did, on its own objects
        Assert.That(log2, Is.Not.SameAs(log));
        Assert.That(log2, Is.EqualTo(log));
        Assert.That(sim2.EventsProcessed, Is.EqualTo(sim.EventsProcessed));
        Assert.That(log.Count, Is.GreaterThan(100));
    }

    [Test]
    public void Copy_SharedReferencesCyclesAndDelegates_KeptWithinTheCopy()
    {
        // Given two holders referring to each other, one array holding the same object twice, and a delegate on one of them
        var first = new Holder { Numbers = [1, 2, 3] };
        var second = new Holder { Pair = ("second", first) };
        var shared = new List<int> { 7 };
        first.Items = [shared, shared, second];
        first.Pair = ("first", second);
        first.Count = () => first.Numbers.Length;

        // When
        Holder copy = new StateCopier(_ => false).Copy(first);

        // Then: a new graph with the same shape
        Assert.That(copy, Is.Not.SameAs(first));
        Assert.That(copy.Items[0], Is.SameAs(copy.Items[1]).And.Not.SameAs(shared));
        var second2 = (Holder)copy.Items[2];
        Assert.That(copy.Pair.Next, Is.SameAs(second2), "a reference inside a struct field is copied too");
        Assert.That(second2.Pair.Next, Is.SameAs(copy), "cycles close on the copy");
        Assert.That(copy.Numbers, Is.EqualTo(first.Numbers).And.Not.SameAs(first.Numbers));
        copy.Numbers = [1];
        Assert.That(copy.Count!(), Is.EqualTo(1), "the delegate is bound to the copy");
        Assert.That(first.Count!(), Is.EqualTo(3));
    }

    [Test]
    public void Copy_SharedTypesAndSubstitutes_NotCopied()
    {
        // Given a holder referring to a list (a shared type) and to another holder (substituted)
        var list = new List<int> { 1 };
        var other = new Holder();
        var replacement = new Holder();
        var holder = new Holder { Items = [list, other] };
        var copier = new StateCopier(t => t == typeof(List<int>));
        copier.Substitute(other, replacement);

        // When
        Holder copy = copier.Copy(holder);

        // Then
        Assert.That(copy.Items[0], Is.SameAs(list));
        Assert.That(copy.Items[1], Is.SameAs(replacement));
    }

    [Test]
    public void Copy_OperatingSystemResource_Refused()
    {
        // Given a holder with an open stream
        using var stream = new MemoryStream();
        var holder = new Holder { File = stream };

        // Then the copy is refused, naming the type
        Assert.That(() => new StateCopier(_ => false).Copy(holder), Throws.TypeOf<NotSupportedException>().With.Message.Contains("MemoryStream"));
    }
}
