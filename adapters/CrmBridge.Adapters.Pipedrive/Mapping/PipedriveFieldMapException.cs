namespace CrmBridge.Adapters.Pipedrive.Mapping;

/// <summary>A write named a canonical field whose Pipedrive field cannot be found, or a value the field does not accept.</summary>
internal sealed class PipedriveFieldMapException(string canonical, string problem)
    : Exception($"field '{canonical}' {problem}")
{
    public string Canonical { get; } = canonical;
}
