namespace CrmBridge.Core.Storage;

/// <summary>Ids of companies and contacts.</summary>
public sealed record RelatedIds(IReadOnlyList<string> CompanyIds, IReadOnlyList<string> ContactIds);
