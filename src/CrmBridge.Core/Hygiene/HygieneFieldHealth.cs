namespace CrmBridge.Core.Hygiene;

/// <summary>How well one custom field is filled across a connection's records, and in how many shapes.</summary>
/// <param name="Field">Canonical name, e.g. <c>deal.source</c>.</param>
/// <param name="Records">Distinct records of the field's entity seen by the sweep.</param>
/// <param name="IsLongTail">Filled on fewer records than the configured share.</param>
/// <param name="IsZoo">Filled in several shapes (a "zoo of data types").</param>
public sealed record HygieneFieldHealth(
    string Field,
    long Records,
    long Filled,
    double FillRate,
    bool IsLongTail,
    bool IsZoo,
    IReadOnlyList<HygieneValueShape> Shapes);
