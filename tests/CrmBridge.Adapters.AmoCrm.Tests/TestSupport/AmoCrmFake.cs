using System.Text.Json;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmBridge.Adapters.AmoCrm.Tests.TestSupport;

/// <summary>A loopback amoCRM account answering with the fixture files under Fixtures/amocrm.</summary>
public sealed class AmoCrmFake : IDisposable
{
    public AmoCrmFake()
    {
        Server = WireMockServer.Start();
    }

    public WireMockServer Server { get; }

    public Uri Url => new(Server.Url!);

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "amocrm", name));

    public static IResponseBuilder Json(string fixture, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", status < 400 ? "application/hal+json" : "application/problem+json").WithBody(Fixture(fixture));

    public static IResponseBuilder NoContent() => Response.Create().WithStatusCode(204);

    public void Get(string path, string fixture, int status = 200) =>
        Server.Given(Request.Create().WithPath(path).UsingGet()).RespondWith(Json(fixture, status));

    public void Post(string path, string fixture, int status = 200) =>
        Server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Json(fixture, status));

    /// <summary>The fixed reads every sync makes besides leads: account (currency) and an empty events feed.</summary>
    public void Basics()
    {
        Get("/api/v4/account", "account.json");
        Server.Given(Request.Create().WithPath("/api/v4/events").UsingGet()).AtPriority(100).RespondWith(NoContent());
    }

    public IReadOnlyList<ILogEntry> Requests(string path, string? method = null) =>
        [.. Server.LogEntries.Where(e => e.RequestMessage!.Path == path && (method is null || e.RequestMessage.Method == method)).OrderBy(e => e.RequestMessage!.DateTime)];

    public static JsonElement Body(ILogEntry entry) => JsonDocument.Parse(entry.RequestMessage!.Body!).RootElement.Clone();

    public static string? Query(ILogEntry entry, string name) =>
        entry.RequestMessage!.Query is { } query && query.TryGetValue(name, out var values) ? string.Join(",", values) : null;

    public static string RawQuery(ILogEntry entry) => entry.RequestMessage!.RawQuery ?? "";

    public void Dispose() => Server.Stop();
}
