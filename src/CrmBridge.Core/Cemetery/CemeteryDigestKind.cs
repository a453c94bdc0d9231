namespace CrmBridge.Core.Cemetery;

/// <summary>Who a digest is for.</summary>
public enum CemeteryDigestKind
{
    /// <summary>One owner's own stale deals.</summary>
    Owner,

    /// <summary>A manager's roll-up of their team.</summary>
    Manager,
}
