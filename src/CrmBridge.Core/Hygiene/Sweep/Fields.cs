namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>Enumerates custom fields without boxing an enumerator when they are a plain dictionary (as the store returns them).</summary>
internal static class Fields
{
    public static Dictionary<string, string?> Enumerate(IReadOnlyDictionary<string, string?> fields) =>
        fields as Dictionary<string, string?> ?? new Dictionary<string, string?>(fields, StringComparer.Ordinal);
}
