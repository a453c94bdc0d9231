using System.Security.Cryptography;
using System.Text;

namespace CrmBridge.Core.Writes;

/// <summary>
/// The reference line CrmBridge appends to the text of every task and note it creates with an idempotency key, so that a
/// retry can find the record in the CRM when the local audit log cannot tell whether the create went through (the
/// process died, or the answer was lost). The marker is a hash of the key, not the key: keys name connections, findings
/// and deals, which a CRM user reading the task has no use for.
/// </summary>
public static class CrmRecordMarker
{
    /// <summary>The label every marker starts with.</summary>
    public const string Prefix = "crmbridge:";

    private const int HexLength = 32;

    /// <summary>The marker of an idempotency key, e.g. <c>crmbridge:3f1c…</c> (128 bits of SHA-256, lower-case hex).</summary>
    public static string For(string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return string.Concat(Prefix, Convert.ToHexStringLower(hash).AsSpan(0, HexLength));
    }

    /// <summary>The text with the marker on a line of its own at the end; unchanged when it already carries the marker.</summary>
    public static string AppendTo(string? text, string marker)
    {
        ArgumentException.ThrowIfNullOrEmpty(marker);
        if (string.IsNullOrWhiteSpace(text))
        {
            return marker;
        }

        return IsIn(text, marker) ? text : string.Concat(text.TrimEnd(), "\n\n", marker);
    }

    /// <summary>Whether a record's text (plain or HTML, as the CRM returns it) carries the marker.</summary>
    public static bool IsIn(string? text, string marker) =>
        !string.IsNullOrEmpty(marker) && text is not null && text.Contains(marker, StringComparison.OrdinalIgnoreCase);
}
