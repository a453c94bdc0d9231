using CrmBridge.Core.Model;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>A run of streamed deals with the companies and contacts they link, looked up together.</summary>
internal sealed record DealChunk(List<Deal> Deals, Dictionary<string, Company> Companies, Dictionary<string, Contact> Contacts);
