namespace CrmBridge.Adapters.Http;

/// <summary>
/// A second budget for a group of endpoints with a limit of their own (HubSpot search: 4 requests per second),
/// applied on top of the connection's budget.
/// </summary>
/// <param name="Name">The group's name, for logs.</param>
/// <param name="Matches">Whether a request belongs to the group.</param>
/// <param name="Limit">The group's budget.</param>
public sealed record CrmEndpointRateLimit(string Name, Func<HttpRequestMessage, bool> Matches, CrmRateLimit Limit);
