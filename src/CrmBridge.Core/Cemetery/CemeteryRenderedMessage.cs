namespace CrmBridge.Core.Cemetery;

/// <summary>A message a channel rendered from a digest.</summary>
/// <param name="Discriminator">Tells apart several messages from one digest on one channel (e.g. one CRM task per deal).</param>
public sealed record CemeteryRenderedMessage(string Recipient, string Subject, IReadOnlyList<string> Parts, string Discriminator = "");
