namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>A user from v1 <c>GET /v1/users</c> (v2 has no users list).</summary>
internal sealed class PipedriveUser
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public bool ActiveFlag { get; init; }
}
