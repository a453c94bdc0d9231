namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmCompany
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public long? UpdatedAt { get; init; }

    public List<AmoCrmFieldValue>? CustomFieldsValues { get; init; }
}
