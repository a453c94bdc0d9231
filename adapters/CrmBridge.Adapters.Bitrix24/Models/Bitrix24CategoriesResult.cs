namespace CrmBridge.Adapters.Bitrix24.Models;

/// <summary><c>crm.category.list</c>: <c>{"categories":[...]}</c>.</summary>
internal sealed class Bitrix24CategoriesResult
{
    public List<Bitrix24Category>? Categories { get; init; }
}
