using LookoutSim.Model;
using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

public sealed class TraceReaderTests
{
    private static List<TraceRecord> ReadAll(TraceReader trace)
    {
        var list = new List<TraceRecord>();
        using ITraceCursor c = trace.Open();
        while (c.TryRead(out TraceRecord r))
        {
            list.Add(r);
        }

        return list;
    }

    private static string Temp(params string[] lines)
    {
        string path = Path.GetTempFileName();
        File.WriteAllLines(path, lines);
        return path;
    }

    [Test]
    public void Open_TimestampColumn_SecondsFromStart()
    {
        string path = Temp("camera,timestamp", "c1,2024-01-01T00:00:01.5Z", "", "c2,2024-01-01T01:00:00Z");
        try
        {
            var trace = new TraceReader(path, "timestamp", TraceColumnKind.Timestamp, start: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
            Assert.That(ReadAll(trace), Is.EqualTo(new[] { new TraceRecord(1.5, 1), new TraceRecord(3600, 1) }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Open_CountsWithTimeColumn_UsesIt()
    {
        string path = Temp("time_s,count", "0,3", "120,4");
        try
        {
            var trace = new TraceReader(path, "count", TraceColumnKind.Count, interval: 60);
            Assert.That(ReadAll(trace), Is.EqualTo(new[] { new TraceRecord(0, 3), new TraceRecord(120, 4) }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Read_MalformedValue_NamesFileAndLine()
    {
        string path = Temp("time_s", "1.0", "abc");
        try
        {
            var trace = new TraceReader(path, "time_s", TraceColumnKind.Seconds);
            var ex = Assert.Throws<FormatException>(() => ReadAll(trace));
            Assert.That(ex!.Message, Does.Contain(":3:").And.Contain("abc"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Open_MissingColumn_Throws()
    {
        string path = Temp("when", "1");
        try
        {
            var ex = Assert.Throws<FormatException>(() => new TraceReader(path, "time_s", TraceColumnKind.Seconds).Open());
            Assert.That(ex!.Message, Does.Contain("time_s"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
