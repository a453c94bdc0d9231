using System.Text.Json;

namespace CrmBridge.Adapters.Pipedrive.Models;

internal sealed class PipedriveOrganization
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public string? UpdateTime { get; init; }

    public Dictionary<string, JsonElement>? CustomFields { get; init; }
}
