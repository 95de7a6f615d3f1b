using System.Globalization;
using LookoutSim.Scenarios;

namespace LookoutSim.Experiments;

/// <summary>
/// Writes a start lead (every scheduled <c>start</c> fires that much earlier) into the schedule
/// itself, as <c>--set</c> values for the start entries' <c>at</c> or <c>cron</c>: what
/// <c>plan.yaml</c> and the printed <c>--set</c> line carry instead of the planner's internal lead.
/// </summary>
/// <remarks>
/// <para><c>at</c> moves earlier by the lead (not before <c>0s</c>). A <c>cron</c> whose minute and
/// hour are single numbers gets them moved earlier; when that crosses midnight its day of week moves
/// back one day (<c>MON-FRI</c> becomes <c>SUN,MON,TUE,WED,THU</c>), which needs day of month and
/// month to be <c>*</c>. Any other cron (steps, lists or ranges of hours or minutes, seconds, a
/// day of month) cannot be moved here: the reason is returned and nothing is changed.</para>
/// <para>The shifted cron is read in the scenario's time zone like the original, so the times are
/// the lead earlier on the wall clock; on a daylight-saving change the elapsed lead differs by the
/// change. A start the lead would put before the scenario start fires at 0 in the planner but not
/// at all from the shifted cron; a start the lead brings inside the horizon's end fires from the
/// shifted cron only. Both only touch the horizon's edges.</para>
/// </remarks>
public static class StartLeadShift
{
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    /// <summary>
    /// The <c>schedule[i].at</c> / <c>schedule[i].cron</c> values that fire every start entry of
    /// <paramref name="scenario"/> <paramref name="leadS"/> seconds earlier, or null with
    /// <paramref name="problem"/> saying which entry cannot be moved and why.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? Sets(Scenario scenario, double leadS, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        problem = null;
        var sets = new List<KeyValuePair<string, string>>();
        if (!(leadS > 0))
        {
            return sets;
        }

        CultureInfo c = CultureInfo.InvariantCulture;
        for (int i = 0; i < scenario.Schedule.Count; i++)
        {
            ScheduleEntry e = scenario.Schedule[i];
            if (e.Action != ScheduleAction.Start)
            {
                continue;
            }

            string at = string.Create(c, $"schedule[{i}]");
            if (e.At is TimeSpan offset)
            {
                TimeSpan moved = offset - TimeSpan.FromSeconds(leadS);
                sets.Add(new(at + ".at", ScenarioValues.FormatDuration(moved < TimeSpan.Zero ? TimeSpan.Zero : moved)));
            }
            else if (e.Cron is CronSchedule cron)
            {
                string? shifted = ShiftCron(cron.Text, leadS, out string? why);
                if (shifted is null)
                {
                    problem = $"{at}.cron '{cron.Text}' cannot be moved {ScenarioValues.FormatDuration(TimeSpan.FromSeconds(leadS))} earlier: {why}";
                    return null;
                }

                sets.Add(new(at + ".cron", shifted));
            }
        }

        return sets;
    }

    /// <summary>A five-field cron expression firing <paramref name="leadS"/> seconds earlier, or null with the reason.</summary>
    public static string? ShiftCron(string text, double leadS, out string? why)
    {
        ArgumentNullException.ThrowIfNull(text);
        why = null;
        string[] f = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        CultureInfo c = CultureInfo.InvariantCulture;
        if (leadS % 60 != 0 || leadS >= 86400)
        {
            why = "the lead is not whole minutes under a day";
            return null;
        }

        if (f.Length != 5)
        {
            why = "only five-field expressions (minute hour day month weekday) are moved";
            return null;
        }

        if (!int.TryParse(f[0], NumberStyles.None, c, out int minute) || !int.TryParse(f[1], NumberStyles.None, c, out int hour) || minute > 59 || hour > 23)
        {
            why = "its minute and hour must be single numbers";
            return null;
        }

        int total = (hour * 60) + minute - (int)(leadS / 60);
        string weekday = f[4];
        if (total < 0)
        {
            total += 1440;
            if (f[2] != "*" || f[3] != "*")
            {
                why = "it crosses midnight, and only a day of week (not a day of month or month) can move back a day";
                return null;
            }

            if (weekday is not ("*" or "?"))
            {
                SortedSet<int>? days = WeekdaySet(weekday);
                if (days is null)
                {
                    why = "it crosses midnight and its day of week is not a list or range of days";
                    return null;
                }

                weekday = string.Join(',', days.Select(d => (d + 6) % 7).Order().Select(d => Days[d]));
            }
        }

        return string.Create(c, $"{total % 60} {total / 60} {f[2]} {f[3]} {weekday}");
    }

    /// <summary>The days (0 = Sunday) of a weekday field made of names or numbers, ranges and lists; null for anything else.</summary>
    private static SortedSet<int>? WeekdaySet(string field)
    {
        var days = new SortedSet<int>();
        foreach (string part in field.Split(','))
        {
            string[] range = part.Split('-');
            if (range.Length is < 1 or > 2 || Day(range[0]) is not int from || (range.Length == 2 ? Day(range[1]) : from) is not int to || to < from)
            {
                return null;
            }

            for (int d = from; d <= to; d++)
            {
                days.Add(d % 7);
            }
        }

        return days;
    }

    private static int? Day(string text)
    {
        int named = Array.FindIndex(Days, d => string.Equals(d, text, StringComparison.OrdinalIgnoreCase));
        return named >= 0 ? named
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n <= 7 ? n
            : null;
    }
}
