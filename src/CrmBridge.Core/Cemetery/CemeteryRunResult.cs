namespace CrmBridge.Core.Cemetery;

/// <summary>One alerting run: the scan, the digests it produced, what it enqueued and what was delivered.</summary>
/// <param name="ChannelsEnabled">False when no channel is on: episodes are tracked but nothing counts as alerted.</param>
public sealed record CemeteryRunResult(
    CemeteryScan Scan,
    IReadOnlyList<CemeteryDigest> Digests,
    int MessagesEnqueued,
    CemeteryDeliveryReport Delivery,
    bool ChannelsEnabled);
