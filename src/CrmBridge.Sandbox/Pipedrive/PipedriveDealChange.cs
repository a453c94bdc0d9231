namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>A validated create or update of a deal: the standard members it sets (by wire name) and the custom field values by key.</summary>
internal sealed class PipedriveDealChange
{
    /// <summary>title, owner_id, person_id, org_id, pipeline_id, stage_id, value, currency, status, lost_reason; a null value clears.</summary>
    public Dictionary<string, object?> Standard { get; } = new(StringComparer.Ordinal);

    /// <summary>Custom values in wire form (string, long option id, decimal, or a list of option ids); null clears.</summary>
    public Dictionary<string, object?> Custom { get; } = new(StringComparer.Ordinal);

    public T? Get<T>(string name)
        where T : struct =>
        Standard.TryGetValue(name, out var value) && value is T typed ? typed : null;

    public string? Text(string name) => Standard.TryGetValue(name, out var value) ? value as string : null;
}
