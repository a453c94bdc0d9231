using System.Text.Json;

namespace CrmBridge.Adapters.Pipedrive.Models;

internal sealed class PipedrivePerson
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public long? OrgId { get; init; }

    public string? UpdateTime { get; init; }

    public List<PipedriveContactValue>? Emails { get; init; }

    public List<PipedriveContactValue>? Phones { get; init; }

    public string? JobTitle { get; init; }

    public Dictionary<string, JsonElement>? CustomFields { get; init; }
}
