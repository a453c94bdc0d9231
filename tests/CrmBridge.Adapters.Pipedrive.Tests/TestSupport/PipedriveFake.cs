using System.Text.Json;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrmBridge.Adapters.Pipedrive.Tests.TestSupport;

/// <summary>A loopback Pipedrive answering with the fixture files under Fixtures/pipedrive.</summary>
public sealed class PipedriveFake : IDisposable
{
    public PipedriveFake()
    {
        Server = WireMockServer.Start();
    }

    public WireMockServer Server { get; }

    public Uri Url => new(Server.Url!);

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pipedrive", name));

    public static IResponseBuilder Json(string fixture, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(Fixture(fixture));

    public void Get(string path, string fixture, int status = 200, int priority = 10) =>
        Server.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(priority).RespondWith(Json(fixture, status));

    public void Post(string path, string fixture, int status = 200) =>
        Server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Json(fixture, status));

    public void Patch(string path, string fixture, int status = 200) =>
        Server.Given(Request.Create().WithPath(path).UsingPatch()).RespondWith(Json(fixture, status));

    /// <summary>The deal fields in two v1 pages (offset paging), the organization and person fields in one.</summary>
    public void Fields()
    {
        Server.Given(Request.Create().WithPath("/v1/dealFields").WithParam("start", "4").UsingGet()).AtPriority(1).RespondWith(Json("dealFields-page2.json"));
        Get("/v1/dealFields", "dealFields-page1.json", priority: 2);
        Get("/v1/organizationFields", "organizationFields.json");
        Get("/v1/personFields", "personFields.json");
    }

    public IReadOnlyList<ILogEntry> Requests(string path, string? method = null) =>
        [.. Server.LogEntries.Where(e => e.RequestMessage!.Path == path && (method is null || e.RequestMessage.Method == method)).OrderBy(e => e.RequestMessage!.DateTime)];

    public static JsonElement Body(ILogEntry entry) => JsonDocument.Parse(entry.RequestMessage!.Body!).RootElement.Clone();

    public static string? Query(ILogEntry entry, string name) =>
        entry.RequestMessage!.Query is { } query && query.TryGetValue(name, out var values) ? string.Join(",", values) : null;

    public static string? Header(ILogEntry entry, string name) =>
        entry.RequestMessage!.Headers is { } headers && headers.TryGetValue(name, out var values) ? string.Join(",", values) : null;

    public void Dispose() => Server.Stop();
}
