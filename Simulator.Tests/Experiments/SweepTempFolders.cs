using LookoutSim.Tests.Experiments;

// In the root test namespace so that it runs once, after every sweep test (Experiments and Output).
namespace LookoutSim.Tests;

/// <summary>Deletes the sweep tests' temporary folders after the run.</summary>
[SetUpFixture]
public sealed class SweepTempFolders
{
    [OneTimeTearDown]
    public void DeleteAll()
    {
        if (Directory.Exists(SweepTestSupport.Root))
        {
            Directory.Delete(SweepTestSupport.Root, recursive: true);
        }
    }
}
