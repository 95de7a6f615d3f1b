using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

public sealed class ClockTimeTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Test]
    public void Ticks_SixHoursFromFourUtc_LabelsEveryHalfHourInClockTime()
    {
        // Given the built-in example's clock: 04:00 UTC, six hours, an axis in hours
        var start = new DateTimeOffset(2024, 1, 1, 4, 0, 0, TimeSpan.Zero);

        // When
        IReadOnlyList<ClockTick> ticks = ClockTime.Ticks(start, TimeZoneInfo.Utc, 6 * 3600, 3600);

        // Then: 04:00, 04:30 … 10:00 at 0, 0.5 … 6 hours, with minor ticks between
        ClockTick[] major = [.. ticks.Where(t => t.Major)];
        Assert.That(major.Select(t => t.Label), Is.EqualTo(Enumerable.Range(0, 13).Select(i => $"{4 + (i / 2):00}:{(i % 2) * 30:00}")));
        Assert.That(major.Select(t => t.Position), Is.EqualTo(Enumerable.Range(0, 13).Select(i => i * 0.5)).Within(1e-9));
        Assert.That(ticks.Count(t => !t.Major), Is.GreaterThan(12));
    }

    [Test]
    public void Ticks_StartOffTheHour_FirstLabelIsTheNextWholeClockTime()
    {
        // Given a start at 09:47 UTC and a horizon of 3 hours (axis in minutes)
        var start = new DateTimeOffset(2024, 1, 1, 9, 47, 0, TimeSpan.Zero);

        // When
        ClockTick first = ClockTime.Ticks(start, TimeZoneInfo.Utc, 3 * 3600, 60).First(t => t.Major);

        // Then: 10:00 sits 13 minutes in (ticks every 15 minutes)
        Assert.That(first.Label, Is.EqualTo("10:00"));
        Assert.That(first.Position, Is.EqualTo(13).Within(1e-9));
    }

    [Test]
    public void Ticks_TwoDays_ShowWeekdayAndHour()
    {
        // Given Wednesday 00:00 UTC and two days
        var start = new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.Zero);

        // When
        string[] labels = [.. ClockTime.Ticks(start, TimeZoneInfo.Utc, 2 * 86400, 3600).Where(t => t.Major).Select(t => t.Label)];

        // Then: every six hours, with the weekday
        Assert.That(labels, Is.EqualTo(new[] { "Wed 00:00", "Wed 06:00", "Wed 12:00", "Wed 18:00", "Thu 00:00", "Thu 06:00", "Thu 12:00", "Thu 18:00", "Fri 00:00" }));
    }

    [Test]
    public void Ticks_WeekInBerlin_LabelLocalMidnightsWithTheWeekday()
    {
        // Given Monday 00:00 UTC (01:00 in Berlin) and a week on an axis in days
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // When
        ClockTick[] major = [.. ClockTime.Ticks(start, Berlin, 7 * 86400, 86400).Where(t => t.Major)];

        // Then: Berlin's midnights, the first 23 hours in
        Assert.That(major.Select(t => t.Label), Is.EqualTo(new[] { "Tue 2", "Wed 3", "Thu 4", "Fri 5", "Sat 6", "Sun 7", "Mon 8" }));
        Assert.That(major[0].Position, Is.EqualTo(23.0 / 24).Within(1e-9));
        Assert.That(ClockTime.AxisLabel(start, Berlin), Is.EqualTo("clock time, Europe/Berlin (start Mon 1 Jan 2024 01:00)"));
    }

    [Test]
    public void Ticks_AcrossTheSpringChange_StayOnWholeLocalHours()
    {
        // Given Berlin's night of 31 March 2024 (02:00 → 03:00), from 00:00 local, 6 hours
        var start = new DateTimeOffset(2024, 3, 31, 0, 0, 0, TimeSpan.FromHours(1));

        // When
        ClockTick[] major = [.. ClockTime.Ticks(start, Berlin, 6 * 3600, 3600).Where(t => t.Major)];

        // Then: no 02:xx (it does not exist), 03:00 two hours in, every label on the half hour
        Assert.That(major.Select(t => t.Label), Has.None.StartsWith("02:"));
        Assert.That(major.Single(t => t.Label == "03:00").Position, Is.EqualTo(2).Within(1e-9));
        Assert.That(major.Select(t => t.Label), Has.All.Matches(@"^\d\d:(00|30)$"));
    }

    [Test]
    public void Span_WithinADayAndAcrossMidnight_GivesDateOnceOrTwice()
    {
        var start = new DateTimeOffset(2024, 1, 3, 9, 30, 0, TimeSpan.Zero);

        Assert.That(ClockTime.Span(start, Berlin, 1800, 5400), Is.EqualTo("Wed 3 Jan 2024 11:00–12:00 Europe/Berlin"));
        Assert.That(ClockTime.Span(start, TimeZoneInfo.Utc, 14.5 * 3600, 15.5 * 3600), Is.EqualTo("Thu 4 Jan 2024 00:00–01:00 UTC"));
        Assert.That(ClockTime.Span(start, TimeZoneInfo.Utc, 13.5 * 3600, 14.5 * 3600), Is.EqualTo("Wed 3 Jan 2024 23:00–00:00 UTC"));
    }
}
