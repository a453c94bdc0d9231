namespace CrmBridge.Core.Cemetery;

/// <summary>One scan of a connection's mirror.</summary>
/// <param name="StaleDeals">Ordered by owner name, then most idle first.</param>
public sealed record CemeteryScan(
    string Connection,
    DateTimeOffset ScannedAt,
    long DealsScanned,
    int OpenDeals,
    IReadOnlyList<StaleDeal> StaleDeals,
    IReadOnlyList<PipelineCemetery> Pipelines);
