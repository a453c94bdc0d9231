namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>
/// A record of the sandbox portal (deal, company, contact, activity) with its values in crm.item terms: names are the
/// response names (camelCase, UF_CRM_* codes), values are long, decimal, string, DateTimeOffset, List&lt;long&gt; or null.
/// </summary>
internal sealed class Bitrix24Record(long id, string? datasetKey)
{
    public long Id { get; } = id;

    public string? DatasetKey { get; } = datasetKey;

    public bool Deleted { get; set; }

    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

    public object? this[string name]
    {
        get => Values.TryGetValue(name, out var value) ? value
            : Values.FirstOrDefault(v => string.Equals(v.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        set => Values[name] = value;
    }
}
