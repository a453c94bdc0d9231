using CrmBridge.Core.Cemetery;
using CrmBridge.Core.Connections;

namespace CrmBridge.Alerts.Cemetery;

/// <summary>What the channels share: which digests a channel carries, and resolving its secrets at send time.</summary>
internal static class CemeteryAudience
{
    public static bool Wants(CemeteryAudienceOptions channel, CemeteryDigest digest) =>
        digest.Items.Count > 0 && (digest.Kind == CemeteryDigestKind.Owner ? channel.OwnerDigests : channel.ManagerDigests);

    /// <summary>Resolves a secret reference; the error names the key, never the value.</summary>
    public static string ResolveSecret(string channel, string key, string? reference) =>
        SecretReference.TryResolve(reference, out var value, out var error) && !string.IsNullOrEmpty(value)
            ? value
            : throw new CemeteryDeliveryException($"{channel}: {CemeteryOptions.SectionName}:Channels:{key} {error ?? "is not set"}");

    public static Uri ResolveUrl(string channel, string key, string? reference) =>
        Uri.TryCreate(ResolveSecret(channel, key, reference), UriKind.Absolute, out var url)
            ? url
            : throw new CemeteryDeliveryException($"{channel}: {CemeteryOptions.SectionName}:Channels:{key} is not an absolute URL");
}
