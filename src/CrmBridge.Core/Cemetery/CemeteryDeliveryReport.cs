namespace CrmBridge.Core.Cemetery;

/// <summary>What one pass over the outbox delivered.</summary>
public sealed record CemeteryDeliveryReport(int Sent, IReadOnlyList<CemeteryDeliveryFailure> Failures)
{
    public static CemeteryDeliveryReport Empty { get; } = new(0, []);
}
