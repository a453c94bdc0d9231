namespace CrmBridge.Alerts.Cemetery;

/// <summary>What the outbox stores for one email.</summary>
internal sealed record EmailPart(string To, string ToName, string Subject, string Html, string Text);
