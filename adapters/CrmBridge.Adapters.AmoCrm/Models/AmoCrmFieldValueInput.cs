using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.AmoCrm.Models;

/// <summary>A custom field to set; <see cref="Values"/> null clears it (amoCRM's way), so null is written, not left out.</summary>
internal sealed class AmoCrmFieldValueInput
{
    public long FieldId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public List<AmoCrmValueInput>? Values { get; init; }
}
