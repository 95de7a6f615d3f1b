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
