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
            var ex = Assert.Throws<InputFileException>(() => ReadAll(trace));
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
            var ex = Assert.Throws<InputFileException>(() => new TraceReader(path, "time_s", TraceColumnKind.Seconds).Open());
            Assert.That(ex!.Message, Does.Contain("time_s"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IReadOnlyList<CsvLineError> Problems(TraceColumnKind kind, params string[] lines)
    {
        string path = Temp(lines);
        try
        {
            string column = kind switch { TraceColumnKind.Count => "count", TraceColumnKind.Timestamp => "timestamp", _ => "time_s" };
            var trace = new TraceReader(path, column, kind, interval: 60, start: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)) { ShownName = "t.csv" };
            return trace.Scan().Problems;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Scan_TextNaNInfinityAndShortRow_EachAnErrorWithLineAndColumn()
    {
        // When
        var problems = Problems(TraceColumnKind.Count, "time_s,count", "0,5", "60, abc", "120,NaN", "180,Infinity", "240");

        // Then every bad row is reported, with its line and the column of the value
        Assert.That(problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "t.csv:3:5: error: count ('abc') is not a finite number",
            "t.csv:4:5: error: count ('NaN') is not a finite number",
            "t.csv:5:5: error: count ('Infinity') is not a finite number",
            "t.csv:6:4: error: 1 field, the header has 2: the row needs at least 2",
        }));
    }

    [Test]
    public void Read_TextInCount_ThrowsInputFileErrorNotFormatException()
    {
        // Given a count that is text: before, a FormatException that the command line mapped to exit 3
        string path = Temp("count", "3", "many");
        try
        {
            var trace = new TraceReader(path, "count", TraceColumnKind.Count, interval: 60);

            // When / Then
            var ex = Assert.Throws<InputFileException>(() => ReadAll(trace));
            Assert.That(ex!.Errors.Single().Line, Is.EqualTo(3));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Scan_NegativeTime_IsAnError()
    {
        // Given a call at -5 s: it was replayed at 0
        var problems = Problems(TraceColumnKind.Seconds, "time_s", "-5", "1");

        // Then
        Assert.That(problems.Single().ToString(), Does.StartWith("t.csv:2:1: error: time_s (-5) is negative"));
    }

    [Test]
    public void Scan_TimeGoingBack_IsAnErrorNamingBothTimes()
    {
        // Given rows out of order: the spec's trace format has no unordered form, so they were clamped silently
        var problems = Problems(TraceColumnKind.Seconds, "time_s", "1", "10", "4", "11");

        // Then only the row that goes back is wrong (the order continues from the last good row)
        Assert.That(problems.Single().ToString(), Is.EqualTo("t.csv:4:1: error: time_s (4) is before the previous row's time (10): rows must be in time order"));
    }

    [Test]
    public void Scan_EqualTimes_AreAllowed()
    {
        Assert.That(Problems(TraceColumnKind.Seconds, "time_s", "1", "1", "2"), Is.Empty);
    }

    [Test]
    public void Scan_TimestampBeforeStart_IsAnError()
    {
        // When
        var problems = Problems(TraceColumnKind.Timestamp, "timestamp", "2023-12-31T23:59:00Z", "2024-01-01T00:00:01Z");

        // Then
        Assert.That(problems.Single().ToString(), Does.StartWith("t.csv:2:1: error: timestamp (2023-12-31T23:59:00Z) is before the scenario start"));
    }

    [Test]
    public void Scan_CountIntervalsOverlapping_IsAnError()
    {
        // Given per-minute counts whose times go back into the previous minute
        var problems = Problems(TraceColumnKind.Count, "time_s,count", "0,3", "60,3", "90,3");

        // Then
        Assert.That(problems.Single().ToString(), Does.StartWith("t.csv:4:1: error: time_s (90) is before the previous row's interval (60 + 60 s)"));
    }

    [TestCase("1e20", "is above the most calls one row may hold")]
    [TestCase("-3", "is negative")]
    [TestCase("2.5", "is not a whole number")]
    [TestCase("1000000001", "is above the most calls one row may hold")]
    public void Scan_BadCount_IsAnErrorWithTheBound(string count, string why)
    {
        // When
        var problems = Problems(TraceColumnKind.Count, "count", "1", count);

        // Then
        Assert.That(problems.Single().ToString(), Is.EqualTo($"t.csv:3:1: error: count ({count}) {why}: a count is a whole number of calls from 0 to 1,000,000,000"));
    }

    [Test]
    public void Scan_LargestCount_IsAccepted()
    {
        Assert.That(Problems(TraceColumnKind.Count, "count", "1000000000", "0"), Is.Empty);
    }

    [Test]
    public void HeaderOnly_IsAnErrorForScanAndReplay()
    {
        // Given a header and no rows: it ran with 0 requests
        string path = Temp("time_s,count");
        try
        {
            var trace = new TraceReader(path, "count", TraceColumnKind.Count, interval: 60);

            // When / Then
            Assert.That(trace.Scan().Problems.Single().Message, Does.Contain("no data rows"));
            Assert.Throws<InputFileException>(() => ReadAll(trace));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Scan_BinaryJunk_OneShortErrorWithoutReadingOn(bool afterHeader)
    {
        // Given 4 MB of NULs (after a good header and row, or from the first byte)
        string path = Path.GetTempFileName();
        try
        {
            using (var f = File.Create(path))
            {
                if (afterHeader)
                {
                    f.Write("time_s\n1\n"u8);
                }

                f.Write(new byte[4 << 20]);
            }

            // When
            TraceScan scan = new TraceReader(path, "time_s", TraceColumnKind.Seconds) { ShownName = "t.csv" }.Scan();

            // Then one error, short, with no NUL echoed
            CsvLineError e = scan.Problems.Single();
            Assert.That(e.ToString(), Does.Contain("binary data"));
            Assert.That(e.ToString().Contains('\0', StringComparison.Ordinal), Is.False, "no NUL echoed");
            Assert.That(e.ToString(), Has.Length.LessThan(120));
            Assert.That(e.Line, Is.EqualTo(afterHeader ? 3 : 1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Scan_EndlessLine_RefusedAtTheLineLimitWithAShortMessage()
    {
        // Given a header and then 1 MB of one line of digits and letters
        string path = Temp("time_s", new string('7', 1 << 20) + "x");
        try
        {
            TraceScan scan = new TraceReader(path, "time_s", TraceColumnKind.Seconds) { ShownName = "t.csv" }.Scan();

            // Then
            Assert.That(scan.Problems.Single().ToString(), Is.EqualTo("t.csv:2:1: error: a line longer than 4096 characters: this is not a trace row"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Scan_LongBadValue_QuotedAtMostFortyCharacters()
    {
        // When
        var problems = Problems(TraceColumnKind.Seconds, "time_s", new string('a', 3000));

        // Then
        Assert.That(problems.Single().Message, Is.EqualTo($"time_s ('{new string('a', 40)}…') is not a finite number"));
    }

    [Test]
    public void Scan_ManyBadRows_StopsAtTheProblemLimit()
    {
        // When
        string path = Temp(["time_s", .. Enumerable.Repeat("x", 1000)]);
        try
        {
            TraceScan scan = new TraceReader(path, "time_s", TraceColumnKind.Seconds).Scan(maxProblems: 20);

            // Then
            Assert.That(scan.Problems, Has.Count.EqualTo(20));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Scan_Counts_SumsTheCallsReplayedInsideTheHorizon()
    {
        // Given counts at 0, 60, 120 s, replayed twice as fast with scale 1.5 over a 70 s horizon
        string path = Temp("time_s,count", "0,10", "60,20", "120,30", "300,40");
        try
        {
            TraceScan scan = new TraceReader(path, "count", TraceColumnKind.Count, interval: 60).Scan(speed: 2, scale: 1.5, horizon: 70);

            // Then rows at 0, 30 and 60 s replayed count; the one at 150 s does not
            Assert.That(scan.IsValid, Is.True);
            Assert.That(scan.Rows, Is.EqualTo(4));
            Assert.That(scan.CallsInHorizon, Is.EqualTo(90));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
