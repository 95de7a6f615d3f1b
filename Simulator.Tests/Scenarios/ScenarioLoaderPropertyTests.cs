using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LookoutSim.Scenarios;

namespace LookoutSim.Tests.Scenarios;

/// <summary>
/// Mutated samples (dropped, duplicated and retyped keys, random values, truncation, junk) never
/// make the loader throw or hang: it answers with a scenario or with diagnostics.
/// </summary>
public sealed class ScenarioLoaderPropertyTests
{
    private static readonly string[] Samples = [.. ScenarioFiles.SampleFiles().Select(File.ReadAllText)];

    private static readonly string[] Junk =
    [
        "", "~", "[]", "{}", "[1, [2]]", "{a: 1}", "abc", "-1", "0", "1e309", "99999999999999999999",
        "\"\"", "'x'", "&a 1", "*a", "*nope", "!!binary AAAA", "1h..", "..", "70%%", "-5s", "PT", "P1Y",
        "\"0 * * *\"", "2d 25:00", "1/0s", "NaN", ".inf", "true", "|", ">", "- x", ": y", "# c", "\t", "\"unclosed",
        "[unclosed", "{unclosed", "10m..5m", "0.0000001ms", "12345678901234567890d", "1.5MB", "8/s", "50%",
    ];

    /// <summary>One mutation of one sample, described by plain integers so FsCheck can shrink them.</summary>
    private static string Mutate(int sample, int op, int at, int pick, int count)
    {
        string text = Samples[sample % Samples.Length];
        var lines = text.Split('\n').ToList();
        for (int k = 0; k < 1 + (count % 3); k++)
        {
            int i = (int)((uint)(at + (k * 7919)) % (uint)lines.Count);
            string junk = Junk[(int)((uint)(pick + k) % (uint)Junk.Length)];
            switch ((uint)(op + k) % 7)
            {
                case 0:
                    lines.RemoveAt(i);
                    break;
                case 1:
                    lines.Insert(i, lines[i]);
                    break;
                case 2:
                    int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                    lines[i] = colon >= 0 ? lines[i][..(colon + 1)] + " " + junk : lines[i] + junk;
                    break;
                case 3:
                    int cut = (int)((uint)pick % (uint)Math.Max(1, string.Join('\n', lines).Length));
                    lines = [.. string.Join('\n', lines)[..cut].Split('\n')];
                    break;
                case 4:
                    int indent = lines[i].Length - lines[i].TrimStart().Length;
                    lines.Insert(i, new string(' ', indent) + "x" + junk.Length + ": " + junk);
                    break;
                case 5:
                    lines[i] = new string(' ', (int)((uint)pick % 7)) + lines[i].TrimStart();
                    break;
                default:
                    var sb = new StringBuilder(lines[i]);
                    sb.Insert((int)((uint)pick % (uint)(sb.Length + 1)), junk);
                    lines[i] = sb.ToString();
                    break;
            }

            if (lines.Count == 0)
            {
                lines.Add(string.Empty);
            }
        }

        return string.Join('\n', lines);
    }

    [FsCheck.NUnit.Property(MaxTest = 200, QuietOnSuccess = true)]
    public Property LoadText_MutatedSamples_GivesScenarioOrDiagnosticsNeverThrows()
    {
        Gen<(int, int, int, int, int)> mutations =
            from sample in Gen.Choose(0, 1000)
            from op in Gen.Choose(0, 1000)
            from at in Gen.Choose(0, 10000)
            from pick in Gen.Choose(0, 100000)
            from count in Gen.Choose(0, 2)
            select (sample, op, at, pick, count);

        return Prop.ForAll(mutations.ToArbitrary(), m =>
        {
            string text = Mutate(m.Item1, m.Item2, m.Item3, m.Item4, m.Item5);
            var run = Task.Run(() => ScenarioLoader.LoadText(text, "mutated.yaml", ScenarioFiles.Samples, ["seed=3"]));
            if (!run.Wait(TimeSpan.FromSeconds(30)))
            {
                return false.Label("hung on:\n" + text);
            }

            ScenarioLoadResult result = run.Result;
            bool answered = result.IsValid ? result.Errors.Any() == false : result.Errors.Any();
            bool wellFormed = result.Diagnostics.All(d => d.Message.Length > 0 && d.File.Length > 0 && d.Line >= 0 && d.Column >= 0);
            bool roundTrips = !result.IsValid
                || ScenarioLoader.LoadText(result.ToResolvedYaml(), "resolved.yaml", ScenarioFiles.Samples).Scenario == result.Scenario;
            return (answered && wellFormed && roundTrips).Label(text + "\n---\n" + string.Join("\n", result.Diagnostics));
        });
    }
}
