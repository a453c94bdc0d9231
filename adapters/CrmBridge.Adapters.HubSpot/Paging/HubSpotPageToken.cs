namespace CrmBridge.Adapters.HubSpot.Paging;

/// <summary>
/// What the adapter needs to continue a deal listing, handed to callers as an opaque string.
/// In search mode it carries the current query's window start, the offset within it, the ids already returned at the
/// window start (dropped when the next slice returns them again) and the newest timestamp seen with its ids.
/// </summary>
internal sealed class HubSpotPageToken
{
    public const string ListMode = "list";
    public const string SearchMode = "search";

    public string Mode { get; init; } = ListMode;

    /// <summary>The list cursor, or the search offset.</summary>
    public string? After { get; init; }

    /// <summary>Search: the GTE bound of the current query, epoch milliseconds.</summary>
    public long WindowStart { get; init; }

    /// <summary>Search: ids already returned with hs_lastmodifieddate equal to <see cref="WindowStart"/>.</summary>
    public List<string>? SkipIds { get; init; }

    /// <summary>Search: the newest hs_lastmodifieddate returned by the current query so far.</summary>
    public long LastModified { get; init; }

    /// <summary>Search: the ids returned with hs_lastmodifieddate equal to <see cref="LastModified"/>.</summary>
    public List<string>? LastModifiedIds { get; init; }
}
