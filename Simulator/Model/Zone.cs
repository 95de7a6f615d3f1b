namespace LookoutSim.Model;

/// <summary>An availability zone: whether it is up, the units it should hold and the units it has.</summary>
public sealed class Zone
{
    internal Zone(int index, string name)
    {
        Index = index;
        Name = name;
    }

    /// <summary>Index in <see cref="DeploymentConfig.Zones"/>.</summary>
    public int Index { get; }

    /// <summary>Name.</summary>
    public string Name { get; }

    /// <summary>Whether the zone is up (in no outage).</summary>
    public bool Up => OutageDepth == 0;

    /// <summary>Units the zone should hold (placed here; restarted after a repair or a failure).</summary>
    public int Target { get; internal set; }

    /// <summary>Units ready in the zone.</summary>
    public int Ready { get; internal set; }

    /// <summary>Units provisioning in the zone.</summary>
    public int Provisioning { get; internal set; }

    /// <summary>Units draining in the zone.</summary>
    public int Draining { get; internal set; }

    /// <summary>Units that count against the target: provisioning and ready.</summary>
    public int Holding => Ready + Provisioning;

    internal int OutageDepth;
    internal readonly List<Unit> Units = [];
}
