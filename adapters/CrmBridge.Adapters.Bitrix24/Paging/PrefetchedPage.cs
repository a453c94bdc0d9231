using System.Text.Json;

namespace CrmBridge.Adapters.Bitrix24.Paging;

/// <summary>A page of deals read ahead in the previous page's batch: the deals after <see cref="AfterId"/> for <see cref="ModifiedSince"/>.</summary>
internal sealed record PrefetchedPage(long AfterId, DateTimeOffset? ModifiedSince, List<Dictionary<string, JsonElement>> Items);
