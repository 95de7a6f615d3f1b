using System.Text;
using System.Text.Json;
using LookoutSim.Experiments;

namespace LookoutSim.Output;

/// <summary>
/// <c>plan.json</c> in a plan folder: the whole outcome (request, every candidate with its checks, which
/// one is the answer, the runners-up, the naive sizing) and the page's name, currency and applied answer,
/// so that <c>plot</c> and <c>report</c> redraw <c>plots/plan.png</c> and <c>plan.html</c> with the
/// same code <c>plan</c> used.
/// </summary>
public static class PlanFile
{
    /// <summary>The file's name.</summary>
    public const string FileName = "plan.json";

    /// <summary>The version of the layout, written as <c>format</c>.</summary>
    public const int Format = 1;

    /// <summary>The file's text.</summary>
    public static string Render(PlanOutcome outcome, PlanPage page)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(page);
        var stored = new Stored(
            "lookoutsim-plan",
            Format,
            page,
            outcome.Request,
            outcome.Candidates,
            outcome.Answer?.Number,
            [.. outcome.RunnersUp.Select(c => c.Number)],
            [.. outcome.CheaperFailures.Select(c => c.Number)],
            outcome.Naive,
            outcome.NaiveUnits,
            outcome.StartLeadS,
            outcome.Why);
        return JsonOutput.Serialize(stored) + "\n";
    }

    /// <summary>Reads the <c>plan.json</c> of <paramref name="folder"/>; null when there is none (not a plan folder, or one written before it existed).</summary>
    /// <exception cref="OutputException">The file is not a whole plan.json.</exception>
    public static (PlanOutcome Outcome, PlanPage Page)? Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        Stored? s;
        try
        {
            s = JsonOutput.Deserialize<Stored>(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (JsonException ex)
        {
            throw new OutputException($"{OutputFolder.Shown(path)}: not a plan.json written by lookoutsim plan ({OutputFolder.Shown(ex.Message)})", ex);
        }

        if (s is null || s.Kind != "lookoutsim-plan" || s.Format != Format || s.Candidates is null || s.Naive is null || s.Request is null || s.Page is null)
        {
            throw new OutputException($"{OutputFolder.Shown(path)}: not a plan.json of format {Format} written by lookoutsim plan");
        }

        // The answer, runners-up and failures are candidates of the list (by number), as plan made them.
        var byNumber = s.Candidates.ToDictionary(c => c.Number);
        PlanCandidate Find(int number) => byNumber.TryGetValue(number, out PlanCandidate? c) ? c
            : throw new OutputException($"{OutputFolder.Shown(path)}: candidate {number} is named but not listed");
        var outcome = new PlanOutcome
        {
            Request = s.Request,
            Candidates = s.Candidates,
            Answer = s.Answer is int a ? Find(a) : null,
            RunnersUp = [.. (s.RunnersUp ?? []).Select(Find)],
            CheaperFailures = [.. (s.CheaperFailures ?? []).Select(Find)],
            Naive = byNumber.GetValueOrDefault(s.Naive.Number) ?? s.Naive,
            NaiveUnits = s.NaiveUnits,
            StartLeadS = s.StartLeadS,
            Why = s.Why,
        };
        return (outcome, s.Page);
    }

    private sealed record Stored(
        string Kind,
        int Format,
        PlanPage Page,
        PlanRequest Request,
        IReadOnlyList<PlanCandidate> Candidates,
        int? Answer,
        IReadOnlyList<int> RunnersUp,
        IReadOnlyList<int> CheaperFailures,
        PlanCandidate Naive,
        int NaiveUnits,
        double StartLeadS,
        string? Why);
}
