using System.Text.Json;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmBridge.Adapters.HubSpot.Tests.TestSupport;

/// <summary>A loopback HubSpot answering with the fixture files under Fixtures/hubspot.</summary>
public sealed class HubSpotFake : IDisposable
{
    public HubSpotFake()
    {
        Server = WireMockServer.Start();
    }

    public WireMockServer Server { get; }

    public Uri Url => new(Server.Url!);

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "hubspot", name);

    public static string Fixture(string name) => File.ReadAllText(FixturePath(name));

    public static IResponseBuilder Json(string fixture, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(Fixture(fixture));

    public void Get(string path, string fixture, int status = 200) =>
        Server.Given(Request.Create().WithPath(path).UsingGet()).RespondWith(Json(fixture, status));

    public void Post(string path, string fixture, int status = 200) =>
        Server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Json(fixture, status));

    public void Pipelines() => Get("/crm/v3/pipelines/deals", "pipelines.json");

    public IReadOnlyList<ILogEntry> Requests(string path, string? method = null) =>
        [.. Server.LogEntries.Where(e => e.RequestMessage!.Path == path && (method is null || e.RequestMessage.Method == method))];

    public static JsonElement Body(ILogEntry entry) => JsonDocument.Parse(entry.RequestMessage!.Body!).RootElement.Clone();

    public static string? Query(ILogEntry entry, string name) =>
        entry.RequestMessage!.Query is { } query && query.TryGetValue(name, out var values) ? string.Join(",", values) : null;

    public void Dispose() => Server.Stop();
}
