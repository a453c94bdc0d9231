using CrmBridge.Core.Model;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>
/// A run of streamed deals with the companies and contacts they link, resolved by the reading side: deal i has company
/// <c>Companies[i]</c> (null when it has none or the mirror lacks it) and the contacts <c>Contacts[ContactEnds[i - 1]..ContactEnds[i]]</c>
/// in the order of its contact ids, the ones the mirror lacks left out.
/// </summary>
internal sealed record DealChunk(List<Deal> Deals, Company?[] Companies, Contact[] Contacts, int[] ContactEnds);
