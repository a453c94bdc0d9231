namespace CrmBridge.Adapters.Pipedrive.Tests.TestSupport;

/// <summary>The 40-character custom field keys the fixtures use (this account's hashes; another account's differ).</summary>
public static class FieldKeys
{
    public const string LeadSource = "e704fdeb97c5453fefaca05ebb5e90d26aa7aab1";
    public const string Marker = "af764f988057e4e1486d7b7d9d555715df9f942a";
    public const string Regions = "7ff078f264f805f813409af263de234b3316da95";
    public const string Budget = "81e4a5523e4e1843f200847f875f60d495df137f";
    public const string Inn = "711817bec723df45dfc2d8664ef2106927779710";
    public const string Website = "3ab3e0b020a6d41f3d259ddd3ed8ff273843839b";
    public const string BuyingRole = "8dca46428d005a2f4c2e039fb250964d6139a8b2";
}
