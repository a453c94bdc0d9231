using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmContact
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public long? UpdatedAt { get; init; }

    public List<AmoCrmFieldValue>? CustomFieldsValues { get; init; }

    [JsonPropertyName("_embedded")]
    public AmoCrmEntityEmbedded? Embedded { get; init; }
}
