using System.Globalization;
using System.Net;
using System.Text.Json;
using LookoutSim.Cli;
using LookoutSim.Output;
using LookoutSim.Scenarios;
using LookoutSim.Tests.Experiments;
using LookoutSim.Tests.Support;

namespace LookoutSim.Tests.Cli;

/// <summary>
/// <c>plan</c>'s answer to apply: <c>plan.yaml</c> (the scenario with the answer, origins <c>plan</c>),
/// the printed <c>--set</c> line, the cost per day and per 30 days, and <c>plan.html</c>.
/// </summary>
[TestFixture]
public sealed class PlanAnswerTests
{
    /// <summary>
    /// 20 calls/s of deterministic 100 ms calls, one at a time per unit, over one hour: an offered
    /// load of two units, which three carry (two run at utilisation 1 and shed calls). A unit-hour
    /// costs 4 USD, so a fixed deployment of n units costs 4·n over the hour.
    /// </summary>
    private static readonly string Scenario = LookoutSim.Tests.Experiments.SweepTestSupport.PlanScenario
        .Replace("name: plan-md", "name: plan-answer", StringComparison.Ordinal)
        .Replace("ZONES", "z1", StringComparison.Ordinal);

    private string file = "";
    private string folder = "";
    private string stdout = "";
    private JsonElement json;

    [OneTimeSetUp]
    public void PlanOnce()
    {
        string dir = SweepTestSupport.TempFolder("plan-answer");
        file = Path.Combine(dir, "plan-answer.yaml");
        File.WriteAllText(file, Scenario);
        folder = Path.Combine(dir, "out");
        string[] args = ["plan", file, "--quiet", "--parallel", "2", "--min-replications", "3", "--units-limit", "6", "--set", "seed=9", "--out", folder];
        (int code, string text, string err) = CliRun.Run(args);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err + text);
        stdout = text;
        (code, text, err) = CliRun.Run([.. args, "--json", "--force"]);
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err + text);
        json = JsonDocument.Parse(text).RootElement.Clone();
    }

    private JsonElement Answer => json.GetProperty("answer");

    private string[] Sets => [.. json.GetProperty("apply").GetProperty("set").EnumerateArray().Select(s => s.GetString()!)];

    [Test]
    public void PlanYaml_LoadsBackWithTheAnswersUnitsMarkedPlan()
    {
        // Given the plan folder / When plan.yaml is validated and loaded
        string yaml = Path.Combine(folder, "plan.yaml");
        (int code, _, string err) = CliRun.Run("validate", yaml);
        ScenarioLoadResult loaded = ScenarioLoader.LoadFile(yaml);

        // Then it is valid and deploys the answer; the planned values say where they came from
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err);
        Assert.That(loaded.IsValid, Is.True, string.Join('\n', loaded.Diagnostics));
        Assert.That(loaded.Scenario!.Deployment.MinUnits, Is.EqualTo(Answer.GetProperty("min_units").GetInt32()));
        Assert.That(loaded.Scenario.Deployment.MaxUnits, Is.EqualTo(Answer.GetProperty("max_units").GetInt32()));
        Assert.That(Answer.GetProperty("max_units").GetInt32(), Is.EqualTo(3), "the offered load of two units needs three");
        Assert.That(loaded.Scenario.Seed, Is.EqualTo(9), "the command's own --set is kept");
        string text = File.ReadAllText(yaml);
        Assert.That(text, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"min_units: {Answer.GetProperty("min_units").GetInt32()}  # from: plan")));
        Assert.That(text, Does.Contain("seed: 9  # from: --set"));
    }

    [Test]
    public void SetLine_RunOnTheScenarioFile_GivesTheDeploymentOfPlanYaml()
    {
        // Given the --set values plan printed, and plan.yaml
        Scenario fromYaml = ScenarioLoader.LoadFile(Path.Combine(folder, "plan.yaml")).Scenario!;

        // When the scenario file is loaded with them, and run with them
        ScenarioLoadResult withSets = ScenarioLoader.LoadFile(file, Sets);
        string runOut = Path.Combine(Path.GetDirectoryName(folder)!, "run-set");
        (int code, string text, string err) = CliRun.Run(["run", file, .. Sets.SelectMany(s => (string[])["--set", s]), "--replications", "1", "--quiet", "--out", runOut]);

        // Then: the same deployment, and run accepts the line
        Assert.That(withSets.IsValid, Is.True, string.Join('\n', withSets.Diagnostics));
        Assert.That(withSets.Scenario!.Deployment, Is.EqualTo(fromYaml.Deployment));
        Assert.That(withSets.Scenario.Autoscaling, Is.EqualTo(fromYaml.Autoscaling));
        Assert.That(withSets.Scenario.Seed, Is.EqualTo(fromYaml.Seed));
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err + text);
        Assert.That(stdout, Does.Contain("apply:      lookoutsim run " + file + " --set seed=9 --set deployment.min_units="));
        Assert.That(stdout, Does.Contain(json.GetProperty("apply").GetProperty("command").GetString()));
    }

    [Test]
    public void PlanYaml_RunAsItIs_MeetsTheSlos()
    {
        // Given plan.yaml / When run as it is
        string runOut = Path.Combine(Path.GetDirectoryName(folder)!, "run-yaml");
        (int code, string text, string err) = CliRun.Run("run", Path.Combine(folder, "plan.yaml"), "--quiet", "--out", runOut);

        // Then it runs and meets the SLOs the plan found it meets
        Assert.That(code, Is.EqualTo(ExitCodes.Ok), err + text);
        Assert.That(text, Does.Contain("All 2 SLOs met."));
    }

    [Test]
    public void CostPerDay_IsTheHourlyCostTimes24_AndPer30DaysTimes720()
    {
        // Given plan.csv, over a one-hour horizon at 4 USD per unit-hour
        string[] lines = File.ReadAllLines(Path.Combine(folder, "plan.csv"));
        string[] header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        double Cell(string[] row, string name) => double.Parse(row[Col(name)], CultureInfo.InvariantCulture);

        // Then every candidate's per-day cost is 24 × its cost, per 30 days 720 ×; a fixed deployment of n units costs 4·n
        Assert.That(header[(Col("reason") + 1)..(Col("reason") + 3)], Is.EqualTo(new[] { "cost_per_day", "cost_per_30_days" }));
        int fixedRows = 0;
        foreach (string line in lines.Skip(1))
        {
            string[] row = line.Split(',');
            double cost = Cell(row, "cost_mean");
            Assert.That(Cell(row, "cost_per_day"), Is.EqualTo(24 * cost).Within(1e-9 * cost));
            Assert.That(Cell(row, "cost_per_30_days"), Is.EqualTo(720 * cost).Within(1e-9 * cost));
            if (row[Col("min_units")] == row[Col("max_units")])
            {
                fixedRows++;
                Assert.That(cost, Is.EqualTo(4 * Cell(row, "min_units")).Within(1e-9));
            }
        }

        Assert.That(fixedRows, Is.GreaterThan(0));
        double answerCost = Answer.GetProperty("cost").GetProperty("mean").GetDouble();
        Assert.That(Answer.GetProperty("cost").GetProperty("per_day").GetDouble(), Is.EqualTo(24 * answerCost).Within(1e-9 * answerCost));
        Assert.That(stdout, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"per day:    {24 * answerCost:0.##} USD a day, {720 * answerCost:0.##} USD per 30 days")));
    }

    [Test]
    public void PlanHtml_HasTheAnswerEveryCandidateAndWhyEachCheaperOneFailed()
    {
        // Given plan.html
        string html = File.ReadAllText(Path.Combine(folder, "plan.html"));

        // Then: the answer line, one row per candidate, each failed candidate's failing SLOs with the bound and the excess, the chart, the --set line
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Contain("Content-Security-Policy"));
        Assert.That(html, Does.Contain("<p class=\"verdict met\" id=\"answer\">" + WebUtility.HtmlEncode(Describe(Answer))));
        JsonElement[] candidates = [.. json.GetProperty("candidates").EnumerateArray()];
        Assert.That(candidates.Count(c => !c.GetProperty("feasible").GetBoolean()), Is.GreaterThan(0), "the naive two units fail");
        foreach (JsonElement c in candidates)
        {
            int n = c.GetProperty("candidate").GetInt32();
            Assert.That(html, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"id=\"candidate-{n}\"")));
            if (!c.GetProperty("feasible").GetBoolean())
            {
                Assert.That(html, Does.Contain(WebUtility.HtmlEncode(c.GetProperty("why").GetString()!)));
            }
        }

        Assert.That(html, Does.Contain("id=\"chart-plan\""));
        Assert.That(html, Does.Contain(WebUtility.HtmlEncode(json.GetProperty("apply").GetProperty("command").GetString()!)));
    }

    [Test]
    public void Plan_NoCandidateFeasible_WritesNoPlanYamlAndSaysWhy()
    {
        // Given a limit of two units for a load that needs three
        string outDir = Path.Combine(Path.GetDirectoryName(folder)!, "none");

        // When
        (int code, string text, string err) = CliRun.Run("plan", file, "--quiet", "--parallel", "2", "--min-replications", "3", "--max-replications", "3", "--units-limit", "2", "--out", outDir);

        // Then: exit 1, no plan.yaml, and the page says there is none
        Assert.That(code, Is.EqualTo(ExitCodes.CheckFailed), err + text);
        Assert.That(File.Exists(Path.Combine(outDir, "plan.yaml")), Is.False);
        Assert.That(text, Does.Contain("no plan.yaml: no candidate meets the SLOs"));
        Assert.That(File.ReadAllText(Path.Combine(outDir, "plan.html")), Does.Contain("<p class=\"verdict missed\" id=\"answer\">"));
    }

    private static string Describe(JsonElement c) =>
        string.Create(CultureInfo.InvariantCulture, $"min_units {c.GetProperty("min_units").GetInt32()}, max_units {c.GetProperty("max_units").GetInt32()}");
}
