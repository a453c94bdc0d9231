using System.Text.Json;

namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>One entry of the events API (<c>lead_status_changed</c>, calls, notes, ...).</summary>
internal sealed class AmoCrmEvent
{
    public string? Id { get; init; }

    public string? Type { get; init; }

    public long EntityId { get; init; }

    public string? EntityType { get; init; }

    public long CreatedAt { get; init; }

    public JsonElement ValueAfter { get; init; }
}
