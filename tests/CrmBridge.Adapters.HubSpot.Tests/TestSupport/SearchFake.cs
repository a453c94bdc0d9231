using System.Globalization;
using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace CrmBridge.Adapters.HubSpot.Tests.TestSupport;

/// <summary>
/// A HubSpot deal search over an in-memory set that behaves like the real one: hs_lastmodifieddate GTE, ascending,
/// at most 200 per page, and a 400 VALIDATION_ERROR for any request whose after + limit passes 10,000. Also answers
/// v4 association batch reads: every deal links to company (id + 100000) and to no contacts.
/// </summary>
public sealed class SearchFake
{
    public const int Cap = 10_000;

    private readonly List<(string Id, long Modified)> _deals;
    private readonly Lock _gate = new();

    public SearchFake(HubSpotFake fake, IEnumerable<(string Id, long Modified)> deals)
    {
        _deals = [.. deals.OrderBy(d => d.Modified).ThenBy(d => d.Id, StringComparer.Ordinal)];
        fake.Server.Given(Request.Create().WithPath("/crm/v3/objects/deals/search").UsingPost()).RespondWith(Response.Create().WithCallback(Search));
        fake.Server.Given(Request.Create().WithPath("/crm/v4/associations/deals/companies/batch/read").UsingPost())
            .RespondWith(Response.Create().WithCallback(r => Links(r, company: true)));
        fake.Server.Given(Request.Create().WithPath("/crm/v4/associations/deals/contacts/batch/read").UsingPost())
            .RespondWith(Response.Create().WithCallback(r => Links(r, company: false)));
    }

    public int CapViolations { get; private set; }

    /// <summary>The GTE bound of every search request, in order.</summary>
    public List<long> WindowStarts { get; } = [];

    public static string Iso(long millis) =>
        DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private ResponseMessage Search(IRequestMessage request)
    {
        using var body = JsonDocument.Parse(request.Body!);
        var filter = body.RootElement.GetProperty("filterGroups")[0].GetProperty("filters")[0];
        var sort = body.RootElement.GetProperty("sorts")[0];
        var limit = body.RootElement.GetProperty("limit").GetInt32();
        var offset = body.RootElement.TryGetProperty("after", out var after) ? int.Parse(after.GetString()!, CultureInfo.InvariantCulture) : 0;
        if (filter.GetProperty("propertyName").GetString() != "hs_lastmodifieddate" || filter.GetProperty("operator").GetString() != "GTE"
            || sort.GetProperty("propertyName").GetString() != "hs_lastmodifieddate" || sort.GetProperty("direction").GetString() != "ASCENDING" || limit > 200)
        {
            return Error("unexpected search request");
        }

        var since = long.Parse(filter.GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            WindowStarts.Add(since);
            if (offset + limit > Cap)
            {
                CapViolations++;
                return Error($"Cannot page past {Cap} results.");
            }
        }

        var matches = _deals.Where(d => d.Modified >= since).ToList();
        var page = matches.Skip(offset).Take(limit).Select(d => new
        {
            id = d.Id,
            properties = new Dictionary<string, string?>
            {
                ["dealname"] = "Deal " + d.Id,
                ["pipeline"] = "default",
                ["dealstage"] = "qualified",
                ["createdate"] = Iso(d.Modified),
                ["hs_lastmodifieddate"] = Iso(d.Modified),
            },
            createdAt = Iso(d.Modified),
            updatedAt = Iso(d.Modified),
            archived = false,
        });
        object? paging = offset + limit < matches.Count ? new { next = new { after = (offset + limit).ToString(CultureInfo.InvariantCulture) } } : null;
        return Ok(new { total = matches.Count, results = page, paging });
    }

    private static ResponseMessage Links(IRequestMessage request, bool company)
    {
        using var body = JsonDocument.Parse(request.Body!);
        var ids = body.RootElement.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        var results = company
            ? ids.Select(id => new
            {
                from = new { id },
                to = new[] { new { toObjectId = long.Parse(id, CultureInfo.InvariantCulture) + 100000, associationTypes = new[] { new { category = "HUBSPOT_DEFINED", typeId = 5 } } } },
            }).ToList<object>()
            : [];
        return Ok(new { status = "COMPLETE", results });
    }

    private static ResponseMessage Ok(object body) => Json(200, JsonSerializer.Serialize(body));

    private static ResponseMessage Error(string message) =>
        Json(400, JsonSerializer.Serialize(new { status = "error", message, category = "VALIDATION_ERROR" }));

    private static ResponseMessage Json(int status, string json)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = json, DetectedBodyType = BodyType.String },
        };
        response.AddHeader("Content-Type", "application/json");
        return response;
    }
}
