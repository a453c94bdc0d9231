namespace CrmBridge.Core.Cemetery;

/// <summary>Where an alert message is in its delivery.</summary>
public enum CemeteryOutboxStatus
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Pending,

    /// <summary>Every part was delivered.</summary>
    Sent,

    /// <summary>Gave up after Delivery:MaxAttempts; kept and reported, never sent again by itself.</summary>
    Dead,
}
