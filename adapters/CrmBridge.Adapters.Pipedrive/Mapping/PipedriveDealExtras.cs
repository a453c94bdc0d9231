namespace CrmBridge.Adapters.Pipedrive.Mapping;

/// <summary>What a deal's own record does not carry: the due times of its last and next activity and every linked person.</summary>
internal sealed record PipedriveDealExtras(DateTimeOffset? LastActivityAt, DateTimeOffset? NextActivityAt, IReadOnlyList<string>? ContactIds)
{
    public static readonly PipedriveDealExtras None = new(null, null, null);
}
