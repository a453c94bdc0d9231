namespace CrmBridge.Core.Cemetery;

/// <summary>A message that could not be delivered in this attempt.</summary>
/// <param name="Dead">It reached Delivery:MaxAttempts and will not be tried again by itself.</param>
public sealed record CemeteryDeliveryFailure(long MessageId, string Channel, string Recipient, string Error, int Attempts, bool Dead);
