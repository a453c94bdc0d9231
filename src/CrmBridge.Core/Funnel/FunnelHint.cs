namespace CrmBridge.Core.Funnel;

/// <summary>What the conversion from a stage to the next suggests.</summary>
public enum FunnelHint
{
    None,

    /// <summary>Conversion at or above the merge threshold: the stage and the next are probably one decision.</summary>
    Merge,

    /// <summary>Conversion below the split threshold: most deals drop here; split the stage to find the bottleneck.</summary>
    Split,
}
