using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CrmBridge.Adapters.Bitrix24.Tests.TestSupport;

/// <summary>
/// A loopback Bitrix24 portal behind an inbound webhook (<c>/rest/7/{secret}/{method}.json</c>) answering with the
/// fixture files under Fixtures/bitrix24. <c>batch</c> is answered per sub-call by rules, with PHP's empty-array quirks.
/// </summary>
public sealed class Bitrix24Fake : IDisposable
{
    public const string Secret = "k9s3cr3tw3bh00k";
    public const string UserId = "7";

    private readonly List<(Func<string, string, bool> Match, Func<string, JsonNode?> Answer)> _rules = [];

    public Bitrix24Fake()
    {
        Server = WireMockServer.Start();
        Server.Given(Request.Create().WithPath(MethodPath("batch")).UsingPost()).AtPriority(10).RespondWith(Response.Create().WithCallback(Batch));
        OnSubCall("crm.activity.list", _ => new JsonArray());

        // The deals page after the last one: empty, unless a test says otherwise.
        OnSubCall("crm.item.list", _ => new JsonObject { ["items"] = new JsonArray() }, c => c.Contains("entityTypeId=2", StringComparison.Ordinal));
    }

    public WireMockServer Server { get; }

    public Uri Url => new(Server.Url! + "/");

    /// <summary>The whole webhook URL: the secret a connection's Token holds.</summary>
    public string WebhookUrl => $"{Server.Url}/rest/{UserId}/{Secret}/";

    /// <summary>Every batch sub-call received, as (key, command), in order.</summary>
    public ConcurrentQueue<(string Key, string Command)> SubCalls { get; } = new();

    public static string MethodPath(string method) => $"/rest/{UserId}/{Secret}/{method}.json";

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "bitrix24", name));

    public static JsonNode FixtureNode(string name) => JsonNode.Parse(Fixture(name))!;

    public static IResponseBuilder Json(string fixture, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(Fixture(fixture));

    public void On(string method, string fixture, int status = 200, Func<string?, bool>? body = null, int priority = 5)
    {
        var request = Request.Create().WithPath(MethodPath(method)).UsingPost();
        if (body is not null)
        {
            request = request.WithBody(b => body(b));
        }

        Server.Given(request).AtPriority(priority).RespondWith(Json(fixture, status));
    }

    /// <summary>Answers batch sub-calls of <paramref name="method"/> (latest rule wins); the answer gets the sub-call's command.</summary>
    public void OnSubCall(string method, Func<string, JsonNode?> answer, Func<string, bool>? when = null) =>
        _rules.Insert(0, ((m, command) => m == method && (when is null || when(command)), answer));

    /// <summary>The portal's usual reference data: categories, stages of categories 0 and 2, and the field definitions.</summary>
    public void Portal()
    {
        On("crm.category.list", "categories.json");
        OnSubCall("crm.status.list", c => FixtureNode(c.Contains("DEAL_STAGE_2", StringComparison.Ordinal) ? "stages-c2.json" : "stages-c0.json"));
        OnSubCall("crm.item.fields", c => FixtureNode(c.Contains("entityTypeId=4", StringComparison.Ordinal) ? "fields-company.json"
            : c.Contains("entityTypeId=3", StringComparison.Ordinal) ? "fields-contact.json" : "fields-deal.json"));
    }

    public IReadOnlyList<ILogEntry> Requests(string method) =>
        [.. Server.LogEntries.Where(e => e.RequestMessage!.Path == MethodPath(method))];

    public IReadOnlyList<ILogEntry> AllRequests => [.. Server.LogEntries];

    public static JsonElement Body(ILogEntry entry) => JsonDocument.Parse(entry.RequestMessage!.Body!).RootElement.Clone();

    public static JsonObject Error(string code, string description) => new() { ["error"] = code, ["error_description"] = description };

    public void Dispose() => Server.Dispose();

    private ResponseMessage Batch(IRequestMessage request)
    {
        var body = JsonNode.Parse(request.Body!)!.AsObject();
        var results = new JsonObject();
        var errors = new JsonObject();
        foreach (var (key, node) in body["cmd"]!.AsObject())
        {
            var command = node!.GetValue<string>();
            SubCalls.Enqueue((key, command));
            var method = command.Split('?', 2)[0];
            var rule = _rules.FirstOrDefault(r => r.Match(method, command));
            var answer = rule.Answer is null ? Error("ERROR_METHOD_NOT_FOUND", $"no rule for {method}") : rule.Answer(command);
            if (answer is JsonObject obj && obj.ContainsKey("error") && obj.ContainsKey("error_description"))
            {
                errors[key] = answer;
            }
            else
            {
                results[key] = answer;
            }
        }

        var time = FixtureNode("categories.json")["time"]!.DeepClone();
        var reply = new JsonObject
        {
            ["result"] = new JsonObject
            {
                ["result"] = results.Count == 0 ? new JsonArray() : results,
                ["result_error"] = errors.Count == 0 ? new JsonArray() : errors,
                ["result_total"] = new JsonArray(),
                ["result_next"] = new JsonArray(),
                ["result_time"] = new JsonArray(),
            },
            ["time"] = time,
        };
        return new ResponseMessage
        {
            StatusCode = 200,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
            BodyData = new BodyData { BodyAsString = reply.ToJsonString(), DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
    }
}
