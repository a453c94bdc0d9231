namespace CrmBridge.Adapters.AmoCrm.Models;

internal sealed class AmoCrmUser
{
    public long Id { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }
}
