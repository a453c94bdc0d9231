using System.Globalization;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>A deal remembered by the cross-deal rules: numeric ids (most CRMs) are kept as a number, not a string.</summary>
internal readonly struct DealRef
{
    private readonly long _number;
    private readonly string? _text;

    private DealRef(long number, string? text, int owner)
    {
        _number = number;
        _text = text;
        Owner = owner;
    }

    /// <summary>Index of the owner id in the sweep's owner table; -1 for none.</summary>
    public int Owner { get; }

    public static DealRef Of(string id, int owner) =>
        id.Length is > 0 and < 19 && id[0] != '0' && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? new DealRef(number, null, owner)
            : new DealRef(0, id, owner);

    public string Id => _text ?? _number.ToString(CultureInfo.InvariantCulture);
}
