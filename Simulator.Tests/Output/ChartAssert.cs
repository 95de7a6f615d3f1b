using LookoutSim.Output;

namespace LookoutSim.Tests.Output;

/// <summary>Chart files compared byte for byte.</summary>
internal static class ChartAssert
{
    /// <summary>The same charts in the same order: names, titles, PNG and SVG bytes.</summary>
    public static void SameFiles(IReadOnlyList<Chart> actual, IReadOnlyList<Chart> expected)
    {
        Assert.That(actual.Select(c => c.Name), Is.EqualTo(expected.Select(c => c.Name)));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.That(actual[i].Title, Is.EqualTo(expected[i].Title), expected[i].Name + " title");
            Assert.That(actual[i].Png, Is.EqualTo(expected[i].Png), expected[i].Name + ".png");
            Assert.That(actual[i].Svg, Is.EqualTo(expected[i].Svg), expected[i].Name + ".svg");
        }
    }
}
