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
