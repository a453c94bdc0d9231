namespace CrmBridge.Storage.Relational.Mapping;

/// <summary>
/// Hands out one string instance per distinct short value (custom field keys, list values, contact ids repeat across
/// a million deals), looked up by span so a repeated value costs no allocation. Bounded in count and length.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _maxEntries;
    private readonly int _maxLength;

    public StringPool(int maxEntries, int maxLength)
    {
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxEntries = maxEntries;
        _maxLength = maxLength;
    }

    public string Get(ReadOnlySpan<char> value)
    {
        if (value.Length > _maxLength)
        {
            return new string(value);
        }

        if (_lookup.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        var created = new string(value);
        if (_strings.Count < _maxEntries)
        {
            _strings[created] = created;
        }

        return created;
    }
}
