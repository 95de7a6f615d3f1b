using FsCheck;
using FsCheck.Fluent;
using LookoutSim.Engine;

namespace LookoutSim.Tests.Engine;

public sealed class EventCalendarTests
{
    private sealed class Noop : EventHandlerBase
    {
        public override void Handle(in EventPayload payload)
        {
        }
    }

    /// <summary>
    /// Random interleavings of add, cancel and pop are checked against a sorted list: every pop
    /// returns the smallest (time, priority, sequence) still pending, the next event shown is always
    /// that one, and cancelled events never come out.
    /// </summary>
    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property AddCancelPop_MatchesSortedReference() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), ops => Replay(ops).ToProperty());

    private static bool Replay(int[] ops)
    {
        var calendar = new EventCalendar(4);
        var reference = new SortedDictionary<EventKey, EventHandle>();
        var handler = new Noop();
        long seq = 0;
        bool ok = true;
        foreach (int op in ops ?? [])
        {
            int kind = Math.Abs(op % 4);
            if (kind <= 1)
            {
                var key = new EventKey(Math.Abs(op % 7), Math.Abs(op / 7 % 3), seq++);
                reference[key] = calendar.Add(key, handler, new EventPayload(Id: key.Sequence));
            }
            else if (kind == 2 && reference.Count > 0)
            {
                KeyValuePair<EventKey, EventHandle> victim = reference.ElementAt(Math.Abs(op) % reference.Count);
                ok &= calendar.Remove(victim.Value);
                reference.Remove(victim.Key);
            }
            else if (reference.Count > 0)
            {
                EventKey expected = reference.Keys.First();
                EventKey got = calendar.Pop(out _, out EventPayload payload);
                ok &= got == expected && payload.Id == expected.Sequence;
                reference.Remove(expected);
            }

            ok &= calendar.Count == reference.Count;

            // The next event is always a pending one (a cancelled event never shows at the top).
            ok &= reference.Count == 0
                ? double.IsPositiveInfinity(calendar.NextTime)
                : calendar.PeekKey() == reference.Keys.First() && calendar.NextTime == reference.Keys.First().Time;
        }

        while (reference.Count > 0)
        {
            EventKey expected = reference.Keys.First();
            ok &= calendar.Pop(out _, out _) == expected;
            reference.Remove(expected);
        }

        return ok && calendar.Count == 0;
    }

    [Test]
    public void Add_PriorityOutOfRange_Throws()
    {
        var calendar = new EventCalendar();
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.Add(new EventKey(0, -1, 0), new Noop(), default));
        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.Add(new EventKey(0, EventPriority.Lowest + 1, 0), new Noop(), default));
    }

    [Test]
    public void EventKey_Compare_TimeThenPriorityThenSequence()
    {
        Assert.That(new EventKey(1, 5, 9), Is.LessThan(new EventKey(2, 0, 0)));
        Assert.That(new EventKey(1, 0, 9), Is.LessThan(new EventKey(1, 1, 0)));
        Assert.That(new EventKey(1, 1, 3), Is.LessThan(new EventKey(1, 1, 4)));
    }
}
