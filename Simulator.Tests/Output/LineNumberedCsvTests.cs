using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

public sealed class LineNumberedCsvTests
{
    [Test]
    public void Records_QuotedFieldsWithCommasAndNewlines_KeepStartingLines()
    {
        // Given a quoted comma, a quoted line break, a doubled quote, CRLF endings and a blank line
        string text = "a,b\r\n\"x,y\",1\r\n\"two\nlines\",2\r\n\r\n\"say \"\"hi\"\"\",3\r\n";

        // When
        var records = LineNumberedCsv.Records(text).ToList();

        // Then
        Assert.That(records.Select(r => r.Line), Is.EqualTo(new[] { 1, 2, 3, 5, 6 }));
        Assert.That(records[1].Fields, Is.EqualTo(new[] { "x,y", "1" }));
        Assert.That(records[2].Fields, Is.EqualTo(new[] { "two\nlines", "2" }));
        Assert.That(records[4].Fields, Is.EqualTo(new[] { "say \"hi\"", "3" }));
        Assert.That(records.All(r => r.Problem is null), Is.True);
    }

    [Test]
    public void Records_StrayQuote_ReportedOnItsLine()
    {
        var records = LineNumberedCsv.Records("a,b\n1,x\"y\n2,3\n").ToList();

        Assert.That(records[1].Problem, Is.EqualTo("a quote inside an unquoted field"));
        Assert.That(records[2].Problem, Is.Null);
    }

    [Test]
    public void Records_ByteOrderMarkAndNoFinalNewline_Ignored()
    {
        var records = LineNumberedCsv.Records("\uFEFFmetric,mean\ncost,1").ToList();

        Assert.That(records[0].Fields, Is.EqualTo(new[] { "metric", "mean" }));
        Assert.That(records[1].Fields, Is.EqualTo(new[] { "cost", "1" }));
    }
}
