using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary>The <c>time</c> block of an answer; <c>date_start</c> carries the portal's time zone offset.</summary>
internal sealed class Bitrix24Time
{
    [JsonPropertyName("date_start")]
    public string? DateStart { get; init; }

    [JsonPropertyName("operating_reset_at")]
    public double? OperatingResetAt { get; init; }
}
