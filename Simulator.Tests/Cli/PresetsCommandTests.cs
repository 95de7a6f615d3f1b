using LookoutSim.Cli;
using LookoutSim.Scenarios;

namespace LookoutSim.Tests.Cli;

public sealed class PresetsCommandTests
{
    [Test]
    public void Presets_NoName_ListsEveryPresetWithKindAndSource()
    {
        // Given
        var stdout = new StringWriter();

        // When
        int code = CommandLine.Run(["presets"], stdout, new StringWriter());

        // Then
        string text = stdout.ToString();
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        Assert.That(text, Does.Contain("lookout-for-vision"));
        Assert.That(text, Does.Contain("rekognition-custom-labels"));
        Assert.That(text, Does.Contain("sagemaker-realtime"));
        string priceLine = text.Split('\n').First(l => l.Contains("billing.price_per_unit_hour", StringComparison.Ordinal) && l.Contains("Rekognition", StringComparison.Ordinal));
        Assert.That(priceLine, Does.Contain("4.00").And.Contain("fact"));
        Assert.That(text.Split('\n'), Has.Some.Contains("service.per_megapixel").And.Contains("assumption"));
    }

    [Test]
    public void Presets_UnknownName_IsBadInputListingTheNames()
    {
        // Given
        var stderr = new StringWriter();

        // When
        int code = CommandLine.Run(["presets", "lookout"], new StringWriter(), stderr);

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(stderr.ToString().Trim(), Is.EqualTo("error: no preset named 'lookout'; presets: lookout-for-vision, rekognition-custom-labels, sagemaker-realtime"));
    }

    [Test]
    public void EveryPresetValue_IsAValidValueOfItsField()
    {
        foreach (ProviderPreset preset in ProviderPresets.All)
        {
            // Given: a scenario that leaves every preset field to the preset
            string text = $"name: p\nprovider: {preset.Name}\nhorizon: 1h\ntraffic: [{{ name: a, pattern: poisson, rate: 1/s }}]\n";

            // When
            ScenarioLoadResult result = ScenarioLoader.LoadText(text, preset.Name);

            // Then
            Assert.That(result.IsValid, Is.True, preset.Name + "\n" + string.Join("\n", result.Diagnostics));
            string resolved = result.ToResolvedYaml();
            foreach (PresetValue v in preset.Values)
            {
                string key = v.Path[(v.Path.LastIndexOf('.') + 1)..];
                Assert.That(resolved, Does.Contain($"{key}: {v.Value}  # from: preset {preset.Name}"), v.Path);
                Assert.That(v.Source, Is.Not.Empty);
            }
        }
    }

    [Test]
    public void Presets_ShowEachPresetsUncertaintyRanges_WithTheirSource()
    {
        // When
        var stdout = new StringWriter();
        int code = CommandLine.Run(["presets", "lookout-for-vision"], stdout, new StringWriter());

        // Then
        Assert.That(code, Is.EqualTo(ExitCodes.Ok));
        string[] lines = stdout.ToString().Split('\n');
        int header = Array.FindIndex(lines, l => l.TrimStart().StartsWith("uncertainty", StringComparison.Ordinal));
        Assert.That(header, Is.GreaterThan(0));
        string[] ranges = lines[(header + 1)..];
        Assert.That(ranges, Has.Some.Contains("deployment.model_start").And.Contains("10m..20m").And.Contains("AWS docs"));
        Assert.That(ranges, Has.Some.Contains("service.base").And.Contains("±20%").And.Contains("assumption"));
        foreach (string path in new[] { "deployment.unit_start", "autoscaling.evaluation", "autoscaling.scale_in_cooldown", "autoscaling.target", "service.cv" })
        {
            Assert.That(ranges, Has.Some.Contains(path), path);
        }
    }

    [Test]
    public void EveryPresetRange_IsValid_AndAppliesToAScenarioThatLeavesItsFieldsToThePreset()
    {
        foreach (ProviderPreset preset in ProviderPresets.All)
        {
            // Given
            string text = $"name: p\nprovider: {preset.Name}\nhorizon: 1h\ntraffic: [{{ name: a, pattern: poisson, rate: 1/s }}]\nautoscaling:\n  evaluation: 2m\n";

            // When
            ScenarioLoadResult result = ScenarioLoader.LoadText(text, preset.Name);

            // Then: every range is read, none is refused or warned about, each keeps its source
            Assert.That(result.Diagnostics, Is.Empty, preset.Name + "\n" + string.Join("\n", result.Diagnostics));
            UncertaintySpec spec = result.Scenario!.Uncertainty;
            Assert.That(spec.Fields.Select(f => f.Path), Is.EqualTo(preset.Uncertainty.Select(r => r.Path)), preset.Name);
            foreach (PresetRange r in preset.Uncertainty)
            {
                Assert.That(spec.Find(r.Path)!.Source, Is.EqualTo(r.Source));
                Assert.That(r.Source, Does.StartWith("assumption").Or.StartWith("AWS docs"));
            }
        }
    }

    [Test]
    public void RekognitionPreset_HasTheDocumentedFacts()
    {
        // When
        Scenario s = ScenarioLoader.LoadText(
            "name: p\nprovider: rekognition-custom-labels\nhorizon: 1h\ntraffic: [{ name: a, pattern: poisson, rate: 1/s }]\n", "p").Scenario!;

        // Then
        Assert.That(s.Billing.PricePerUnitHour, Is.EqualTo(4.00m));
        Assert.That(s.Billing.Granularity, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(s.Deployment.MinUnits, Is.EqualTo(1));
        Assert.That(s.Client.Retry, Is.EqualTo(RetryPolicy.AwsStandard));
        Assert.That(s.Client.Retry.MaxAttempts, Is.EqualTo(3));
        Assert.That(s.Client.Retry.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(s.Client.Retry.Quota, Is.EqualTo(500));
    }
}
