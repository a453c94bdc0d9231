using CrmBridge.Adapters.Bitrix24.Tests.TestSupport;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Errors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CrmBridge.Adapters.Bitrix24.Tests;

/// <summary>The webhook URL is a secret: it must never reach a log line, an exception message or an endpoint name.</summary>
public sealed class Bitrix24SecretTests
{
    [Fact]
    public async Task EveryOutcome_LogsAndErrors_NeverContainTheWebhookSecret()
    {
        using var h = new Bitrix24Harness();
        h.Fake.Portal();
        h.Fake.On("user.get", "error-no-auth.json", 401);
        h.Fake.On("crm.item.list", "error-query-limit.json", 503);
        h.Fake.On("crm.activity.todo.add", "error-internal.json", 500);
        h.Fake.Server.Given(Request.Create().WithPath(Bitrix24Fake.MethodPath("crm.timeline.comment.add")).UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("{not json"));
        var adapter = h.CreateAdapter();
        var errors = new List<Exception>();

        await adapter.GetPipelinesAsync(CancellationToken.None);
        errors.Add(await Assert.ThrowsAnyAsync<CrmException>(() => adapter.GetOwnersAsync(CancellationToken.None)));
        errors.Add(await Assert.ThrowsAnyAsync<CrmException>(() => adapter.GetDealsPageAsync(new DealPageRequest(null, null), CancellationToken.None)));
        errors.Add(await Assert.ThrowsAnyAsync<CrmException>(() => adapter.CreateTaskAsync(new NewTask("1", null, "x", null, DateTimeOffset.UnixEpoch), CancellationToken.None)));
        errors.Add(await Assert.ThrowsAnyAsync<CrmException>(() => adapter.AddNoteAsync(new NewNote("1", "x"), CancellationToken.None)));

        // A portal that is not there at all: the connection fails before any answer.
        var port = FreePort();
        var gone = new ConnectionOptions { Name = "gone", Kind = "Bitrix24", Token = $"http://127.0.0.1:{port}/rest/{Bitrix24Fake.UserId}/{Bitrix24Fake.Secret}/" };
        errors.Add(await Assert.ThrowsAnyAsync<CrmException>(() => h.Factory.Create(gone).GetPipelinesAsync(CancellationToken.None)));

        var texts = h.Logs.Lines.Concat(errors.Select(e => e.ToString())).ToList();
        Assert.NotEmpty(h.Logs.Lines);
        Assert.All(texts, t =>
        {
            Assert.DoesNotContain(Bitrix24Fake.Secret, t, StringComparison.Ordinal);
            Assert.DoesNotContain($"/rest/{Bitrix24Fake.UserId}/", t, StringComparison.Ordinal);
        });

        // The method is named instead, so a failure can still be told apart.
        Assert.Contains(errors, e => e.Message.Contains("POST /user.get.json", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("POST /crm.item.list.json", StringComparison.Ordinal));
        Assert.Contains(h.Logs.Lines, l => l.Contains("POST /crm.activity.todo.add.json", StringComparison.Ordinal));
        Assert.Contains(h.Logs.Lines, l => l.Contains("POST /batch.json", StringComparison.Ordinal));
        Assert.True(port > 0);
    }

    [Fact]
    public async Task OAuthOutcomes_LogsErrorsAndPortalLog_NeverContainTokensOrTheClientSecret()
    {
        await using var host = await new SandboxSyncHost(deals: 60, oauth: true).StartAsync();
        var oauth = host.Connection.OAuth!;
        var secrets = new List<string> { oauth.ClientSecret!, oauth.RefreshToken! };
        var errors = new List<Exception>();

        await host.SyncAsync(full: true);
        host.Portal.ExpireAccessTokens();
        await host.SyncAsync(full: false);
        var stored = (await ((Core.Credentials.ICredentialStore)host.Store).GetCredentialAsync(host.Connection.Name, CancellationToken.None))!;
        secrets.Add(stored.Pair.AccessToken);
        secrets.Add(stored.Pair.RefreshToken);
        host.Portal.ExpireAccessTokens();
        host.Connection.OAuth!.RefreshToken = "rt-refused-" + Guid.NewGuid().ToString("N");
        secrets.Add(host.Connection.OAuth.RefreshToken);
        errors.Add(await Assert.ThrowsAnyAsync<CrmException>(() => host.SyncAsync(full: false)));

        var texts = host.Logs.Lines
            .Concat(errors.Select(e => e.ToString()))
            .Concat(host.Portal.Requests.Select(r => $"{r.Path}?{r.Query} {r.Body}"))
            .Append(stored.ToString())
            .Append(stored.Pair.ToString())
            .ToList();
        Assert.Contains(host.Logs.Lines, l => l.Contains("access token refreshed", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is CrmAuthException);
        Assert.All(texts, t => Assert.All(secrets, secret => Assert.DoesNotContain(secret, t, StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_OAuth_NamesTheMissingKeysAndRejectsAWebhookBeside()
    {
        using var h = new Bitrix24Harness();
        const string Secret = "client-secret-value-0123";
        var portal = new Uri("https://portal.bitrix24.ru/");

        var missing = h.Factory.Validate(new ConnectionOptions { Name = "m", Kind = "Bitrix24", BaseUrl = portal, OAuth = new() }).ToList();
        Assert.Contains("CrmBridge:Connections:m:OAuth:ClientId is required (the application's client_id, e.g. local.0123abcd.45678901).", missing);
        Assert.Contains(missing, e => e.StartsWith("CrmBridge:Connections:m:OAuth:ClientSecret is required", StringComparison.Ordinal));
        Assert.Contains(missing, e => e.StartsWith("CrmBridge:Connections:m:OAuth:RefreshToken is required", StringComparison.Ordinal));

        var both = h.Factory.Validate(new ConnectionOptions
        {
            Name = "b",
            Kind = "Bitrix24",
            BaseUrl = portal,
            Token = $"https://portal.bitrix24.ru/rest/1/{Secret}/",
            OAuth = new() { ClientId = "local.1", ClientSecret = Secret, RefreshToken = "rt-1" },
        }).ToList();
        Assert.Equal(["CrmBridge:Connections:b: set either Token (an inbound webhook) or OAuth (an application), not both."], both);

        var noPortal = h.Factory.Validate(new ConnectionOptions
        {
            Name = "p",
            Kind = "Bitrix24",
            OAuth = new() { ClientId = "local.1", ClientSecret = Secret, RefreshToken = "env:CRMBRIDGE_TEST_UNSET_" + Guid.NewGuid().ToString("N") },
        }).ToList();
        Assert.Contains(noPortal, e => e.StartsWith("CrmBridge:Connections:p:BaseUrl is required with OAuth", StringComparison.Ordinal));
        Assert.Contains(noPortal, e => e.StartsWith("CrmBridge:Connections:p:OAuth:RefreshToken ", StringComparison.Ordinal));
        Assert.All(missing.Concat(both).Concat(noPortal), e => Assert.DoesNotContain(Secret, e, StringComparison.Ordinal));

        var ok = new ConnectionOptions
        {
            Name = "ok",
            Kind = "Bitrix24",
            BaseUrl = portal,
            OAuth = new() { ClientId = "local.1", ClientSecret = Secret, RefreshToken = "rt-1" },
        };
        Assert.Empty(h.Factory.Validate(ok));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public void Validate_BadWebhookForms_NameTheKeysButNeverTheSecret()
    {
        using var h = new Bitrix24Harness();
        const string Secret = "abcdef0123456789";
        var cases = new[]
        {
            new ConnectionOptions { Name = "a", Kind = "Bitrix24", Token = $"https://portal.bitrix24.ru/api/{Secret}/" },
            new ConnectionOptions { Name = "b", Kind = "Bitrix24", Token = Secret },
            new ConnectionOptions { Name = "c", Kind = "Bitrix24", Token = Secret, BaseUrl = new Uri("https://portal.bitrix24.ru/") },
            new ConnectionOptions { Name = "d", Kind = "Bitrix24", Token = $"https://portal.bitrix24.ru/rest/1/{Secret}/", BaseUrl = new Uri("https://other.bitrix24.ru/") },
            new ConnectionOptions { Name = "e", Kind = "Bitrix24" },
        };

        foreach (var connection in cases)
        {
            var errors = h.Factory.Validate(connection).ToList();
            var error = Assert.Single(errors);
            Assert.StartsWith($"CrmBridge:Connections:{connection.Name}:", error, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://portal.bitrix24.ru/rest/1/abcdef0123456789/", null)]
    [InlineData("https://portal.bitrix24.ru/rest/1/abcdef0123456789", null)]
    [InlineData("abcdef0123456789", "https://portal.bitrix24.ru/rest/1/")]
    public void Validate_BothWebhookForms_AreAccepted(string token, string? baseUrl)
    {
        using var h = new Bitrix24Harness();
        var connection = new ConnectionOptions { Name = "ok", Kind = "Bitrix24", Token = token, BaseUrl = baseUrl is null ? null : new Uri(baseUrl) };

        Assert.Empty(h.Factory.Validate(connection));
        Assert.Equal(Core.Model.CrmKind.Bitrix24, h.Factory.Create(connection).Kind);
    }
}
