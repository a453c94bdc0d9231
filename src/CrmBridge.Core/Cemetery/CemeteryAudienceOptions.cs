namespace CrmBridge.Core.Cemetery;

/// <summary>What every channel shares: whether it is on and which digests it carries.</summary>
public abstract class CemeteryAudienceOptions
{
    /// <value>Defaults to false.</value>
    public bool Enabled { get; set; }

    /// <summary>Send each owner the digest of their own stale deals.</summary>
    /// <value>Defaults to true.</value>
    public bool OwnerDigests { get; set; } = true;

    /// <summary>Send each manager the roll-up of their team.</summary>
    /// <value>Defaults to true.</value>
    public bool ManagerDigests { get; set; } = true;
}
