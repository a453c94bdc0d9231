using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Bench.Runs;

/// <summary>
/// The further lists each CRM's API makes an adapter read for data the common model needs, counted from the sandbox's
/// dataset at the API's largest page size (not from what the adapter did). Added to the deals-and-related minimum they
/// give the "required" minimum. A CRM without an entry needs nothing beyond deal pages, related batches and fixed reads.
/// </summary>
internal static class RequiredReads
{
    /// <summary>Pipedrive: <c>GET /api/v2/activities?ids=</c> takes 100 ids.</summary>
    private const int PipedriveActivityIds = 100;

    /// <summary>amoCRM: <c>GET /api/v4/events</c> returns at most 100 events a page, and takes at most 10 lead ids.</summary>
    private const int AmoCrmEventPage = 100;
    private const int AmoCrmEventLeadIds = 10;

    /// <summary>HubSpot: a v4 association batch read takes 1,000 deal ids.</summary>
    private const int HubSpotAssociationIds = 1_000;

    /// <param name="deals">Every deal for a full sync; the changed deals for an incremental one.</param>
    /// <param name="incremental">Whether the run reads only deals changed since the previous run.</param>
    /// <param name="related">Whether the run reads the deals' companies and contacts.</param>
    /// <param name="fieldMap">The connection's field map (canonical name to CRM key).</param>
    public static IReadOnlyList<RequiredRead> For(
        CrmKind kind, IReadOnlyCollection<SandboxDeal> deals, bool incremental, bool related, IReadOnlyDictionary<string, string> fieldMap) => kind switch
    {
        CrmKind.HubSpot => HubSpot(deals, incremental, related),
        CrmKind.Pipedrive => Pipedrive(deals, incremental, related, fieldMap),
        CrmKind.AmoCrm => AmoCrm(deals, incremental),
        _ => [],
    };

    private static List<RequiredRead> HubSpot(IReadOnlyCollection<SandboxDeal> deals, bool incremental, bool related) =>
        incremental && related
            ?
            [
                // Changes are found by search, whose results carry no associations: one batch read per association type.
                new("associations of the changed deals to companies (search results carry none)", Pages(deals.Count, HubSpotAssociationIds)),
                new("associations of the changed deals to contacts", Pages(deals.Count, HubSpotAssociationIds)),
            ]
            : [];

    private static List<RequiredRead> Pipedrive(IReadOnlyCollection<SandboxDeal> deals, bool incremental, bool related, IReadOnlyDictionary<string, string> fieldMap)
    {
        var activities = deals.Count(d => d.LastActivityAt is not null) + deals.Count(d => d.NextActivityAt is not null);
        var reads = new List<RequiredRead>
        {
            // Custom fields are resolved by name from the definitions, 500 a page.
            new("deal field definitions", 1),

            // A v2 deal carries only the ids of its last and next activity.
            new("activities by id (last and next activity times)", Pages(activities, PipedriveActivityIds)),
        };
        foreach (var (entity, prefix) in new[] { ("organization", "company."), ("person", "contact.") })
        {
            // Mapped company and contact fields are resolved by name from their own definitions.
            if (related && fieldMap.Keys.Any(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                reads.Add(new($"{entity} field definitions (the field map names {prefix}* fields)", 1));
            }
        }

        if (related)
        {
            // No batch read of participants exists: one list per deal whose participants_count exceeds its primary person.
            reads.Add(new("persons of each deal with more than its primary person", deals.Count(d => d.ContactKeys.Distinct(StringComparer.Ordinal).Count() > 1)));
        }

        if (incremental)
        {
            // The removed-deals feed is two lists: deleted deals, then archived ones.
            reads.Add(new("archived deals (second list of the removed-deals feed)", 1));
        }

        return reads;
    }

    private static List<RequiredRead> AmoCrm(IReadOnlyCollection<SandboxDeal> deals, bool incremental)
    {
        var reads = new List<RequiredRead> { new("account (its currency: leads carry none)", 1) };
        if (incremental)
        {
            // The window's events (none for a rename: one empty page), then, for changed leads created before the window, their
            // older status changes and activity, by lead id, ten ids a request.
            reads.Add(new("events in the run's window", 1));
            reads.Add(new("events of changed older leads, 10 lead ids a request", Pages(deals.Count, AmoCrmEventLeadIds)));
            return reads;
        }

        // A lead has no stage-change or last-activity time: both come from the events API.
        var events = deals.Count(d => d.StageEnteredAt.ToUnixTimeSeconds() > d.CreatedAt.ToUnixTimeSeconds()) + deals.Count(d => d.LastActivityAt is not null);
        reads.Add(new("events: status changes and activity (stage-entered and last-activity times)", Pages(events, AmoCrmEventPage)));
        return reads;
    }

    private static long Pages(long items, int size) => (items + size - 1) / size;
}
