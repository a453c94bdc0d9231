namespace CrmBridge.Bench.Runs;

/// <summary>One list an adapter must read, beyond deal pages and related-record batches, for data the common model needs.</summary>
/// <param name="What">What is read and why, as the docs name it.</param>
/// <param name="Requests">The fewest requests that list takes at the API's largest page size.</param>
internal sealed record RequiredRead(string What, long Requests);
