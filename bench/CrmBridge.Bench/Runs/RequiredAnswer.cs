namespace CrmBridge.Bench.Runs;

/// <summary>What a sync of some deals must read besides deal pages: the further lists, and how many companies and contacts those deals link to.</summary>
internal sealed record RequiredAnswer(List<RequiredRead> Reads, int LinkedCompanies, int LinkedContacts);
