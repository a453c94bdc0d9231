namespace CrmBridge.Adapters.Pipedrive.Models;

/// <summary>The envelope of every Pipedrive answer, v1 and v2: <c>{success, data, additional_data}</c>.</summary>
internal sealed class PipedriveResponse<T>
{
    public bool Success { get; init; }

    public T? Data { get; init; }

    public PipedriveAdditionalData? AdditionalData { get; init; }
}
