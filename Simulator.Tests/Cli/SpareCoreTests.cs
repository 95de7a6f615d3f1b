using LookoutSim.Cli;

namespace LookoutSim.Tests.Cli;

/// <summary>The head-start work <c>run</c> does on a core it leaves idle: its own thread, lowest priority, errors dropped.</summary>
[TestFixture]
public class SpareCoreTests
{
    [Test]
    public void Start_RunsTheWorkOnANamedBackgroundThreadAtTheLowestPriority()
    {
        // Given: work that notes the thread it runs on
        using var done = new ManualResetEventSlim();
        bool background = false;
        string? name = null;
        int threadId = 0;
        string? nice = null;

        // When: started as spare-core work
        SpareCore.Start("test warm-up", () =>
        {
            background = Thread.CurrentThread.IsBackground;
            name = Thread.CurrentThread.Name;
            threadId = Environment.CurrentManagedThreadId;
            nice = OperatingSystem.IsLinux() ? NiceOfThisThread() : null;
            done.Set();
        });

        // Then: a background thread of its own (the process never waits for it), named, and on
        // Linux at nice 19 (the nice value is per thread there)
        Assert.That(done.Wait(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(background, Is.True);
        Assert.That(name, Is.EqualTo("test warm-up"));
        Assert.That(threadId, Is.Not.EqualTo(Environment.CurrentManagedThreadId));
        if (OperatingSystem.IsLinux())
        {
            Assert.That(nice, Is.EqualTo("19"));
        }
    }

    [Test]
    public void Start_WorkThrows_TheProcessCarriesOn()
    {
        // Given: work that fails (an unhandled exception on a thread would end the test process)
        using var reached = new ManualResetEventSlim();

        // When: started, and other work after it
        SpareCore.Start("failing warm-up", () => throw new InvalidOperationException("only a head start"));
        SpareCore.Start("next warm-up", reached.Set);

        // Then: the process is still here and runs the next one
        Assert.That(reached.Wait(TimeSpan.FromSeconds(30)), Is.True);
    }

    /// <summary>Field 19 of <c>/proc/thread-self/stat</c> (after the parenthesised name, which may hold spaces).</summary>
    private static string NiceOfThisThread()
    {
        string stat = File.ReadAllText("/proc/thread-self/stat");
        string[] after = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return after[16]; // fields 3, 4, … : field 19 is index 16
    }
}

/// <summary>The stretches of <c>run</c> in which no garbage collection pauses its threads.</summary>
[TestFixture]
[NonParallelizable]
public class NoCollectionTests
{
    [Test]
    public void Begin_SmallRoom_NoCollectionUntilDisposed()
    {
        // Given: a stretch with room for 16 MB
        int before = GC.CollectionCount(0);
        IDisposable? stretch = NoCollection.Begin(16L << 20);
        Assert.That(stretch, Is.Not.Null);
        int started = GC.CollectionCount(0);

        // When: a few MB are allocated in it
        var keep = new List<byte[]>();
        for (int i = 0; i < 64; i++)
        {
            keep.Add(new byte[32 * 1024]);
        }

        // Then: no collection happened meanwhile, and the stretch is over once disposed
        Assert.That(NoCollection.IsOn, Is.True);
        Assert.That(GC.CollectionCount(0), Is.EqualTo(started));
        stretch!.Dispose();
        Assert.That(NoCollection.IsOn, Is.False);
        Assert.That(started, Is.GreaterThanOrEqualTo(before));
        GC.KeepAlive(keep);
    }

    [Test]
    public void Begin_WhileOneIsOn_IsRefusedQuietly()
    {
        // Given: a stretch on
        IDisposable? first = NoCollection.Begin(8L << 20);
        Assert.That(first, Is.Not.Null);

        // When: another is asked for (run never nests them) / Then: refused with null, not an
        // exception, and the first can still be disposed quietly
        Assert.That(NoCollection.Begin(8L << 20), Is.Null);
        Assert.DoesNotThrow(() => first!.Dispose());
        Assert.That(NoCollection.IsOn, Is.False);
    }

    [Test]
    public void Begin_MoreThanTheRuntimeSetsAside_IsRefused()
    {
        // Given / When: an impossible room / Then: refused, nothing on
        Assert.That(NoCollection.Begin(long.MaxValue / 2), Is.Null);
        Assert.That(NoCollection.IsOn, Is.False);
    }

    [Test]
    public void Dispose_AfterTheRoomWasUsedUp_DoesNotThrow()
    {
        // Given: a stretch whose room is exceeded (the runtime ends it by itself)
        IDisposable? stretch = NoCollection.Begin(1L << 20);
        Assert.That(stretch, Is.Not.Null);
        var keep = new List<byte[]>();
        for (int i = 0; i < 512 && NoCollection.IsOn; i++)
        {
            keep.Add(new byte[64 * 1024]);
        }

        // When / Then: disposing it is quiet, and nothing is left on
        Assert.DoesNotThrow(() => stretch!.Dispose());
        Assert.That(NoCollection.IsOn, Is.False);
        GC.KeepAlive(keep);
    }
}
