using System.Text.Json;
using CrmBridge.Adapters.AmoCrm.Tests.TestSupport;
using CrmBridge.Core.Credentials;
using CrmBridge.Core.Errors;
using CrmBridge.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace CrmBridge.Adapters.AmoCrm.Tests;

/// <summary>OAuth 2.0 with single-use refresh tokens: the new pair is stored before use, and only one refresh runs at a time.</summary>
public sealed class AmoCrmOAuthTests : IDisposable
{
    private const string TokenPath = "/oauth2/access_token";
    private const string PipelinesPath = "/api/v4/leads/pipelines";
    private readonly InMemoryCredentialStore _store = new();
    private readonly AmoCrmHarness _h;

    public AmoCrmOAuthTests()
    {
        _h = new AmoCrmHarness(store: _store);
        _h.UseOAuth();
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task FirstRequest_RefreshesWithTheConfiguredToken_AndStoresTheNewPairBeforeUsingIt()
    {
        _h.Fake.Post(TokenPath, "token.json");
        var seenByApi = new List<(string? Authorization, string? StoredAccessToken)>();
        _h.Fake.Server.Given(Request.Create().WithPath(PipelinesPath).UsingGet()).RespondWith(Response.Create().WithCallback(request =>
        {
            seenByApi.Add((request.Headers!["Authorization"].Single(), _store.Current?.Pair.AccessToken));
            return Json(AmoCrmFake.Fixture("pipelines.json"));
        }));

        await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        var tokenRequest = AmoCrmFake.Body(_h.Fake.Requests(TokenPath, "POST").Single());
        Assert.Equal("client-id-1", tokenRequest.GetProperty("client_id").GetString());
        Assert.Equal("client-secret-value", tokenRequest.GetProperty("client_secret").GetString());
        Assert.Equal("refresh_token", tokenRequest.GetProperty("grant_type").GetString());
        Assert.Equal("refresh-token-1", tokenRequest.GetProperty("refresh_token").GetString());
        Assert.Equal("https://crmbridge.example/oauth/amocrm", tokenRequest.GetProperty("redirect_uri").GetString());
        Assert.Equal([("Bearer access-token-2", "access-token-2")], seenByApi);
        Assert.Equal(["refresh-token-1", "refresh-token-2"], _store.Saves.Select(s => s.RefreshToken));
        Assert.Equal(2, _store.Current!.Version);
        Assert.DoesNotContain(_h.Logs.Lines, l => l.Contains("refresh-token", StringComparison.Ordinal) || l.Contains("access-token-2", StringComparison.Ordinal)
            || l.Contains("client-secret-value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LaterRequests_UseTheStoredTokenWithoutRefreshing()
    {
        _h.Fake.Post(TokenPath, "token.json");
        _h.Fake.Get(PipelinesPath, "pipelines.json");
        var adapter = _h.CreateAdapter();

        await adapter.GetPipelinesAsync(CancellationToken.None);
        await adapter.GetPipelinesAsync(CancellationToken.None);
        await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Single(_h.Fake.Requests(TokenPath));
        Assert.Equal(3, _h.Fake.Requests(PipelinesPath).Count);
    }

    [Fact]
    public async Task ConcurrentRequestsInOneProcess_MakeExactlyOneRefreshRequest()
    {
        _h.Fake.Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(AmoCrmFake.Json("token.json").WithDelay(TimeSpan.FromMilliseconds(300)));
        _h.Fake.Get(PipelinesPath, "pipelines.json");
        var adapter = _h.CreateAdapter();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => adapter.GetPipelinesAsync(CancellationToken.None)));

        Assert.Single(_h.Fake.Requests(TokenPath));
        Assert.All(_h.Fake.Requests(PipelinesPath), r => Assert.Equal("Bearer access-token-2", r.RequestMessage!.Headers!["Authorization"].Single()));
    }

    [Fact]
    public async Task TwoWorkersSharingOneStore_RefreshingAtOnce_MakeExactlyOneRefreshRequest()
    {
        var directory = Path.Combine(Path.GetTempPath(), "crmbridge-amocrm-oauth-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var shared = new SqliteCrmStore(Path.Combine(directory, "store.db"));
            await shared.MigrateAsync(CancellationToken.None);
            using var first = new AmoCrmHarness(store: shared, fake: _h.Fake);
            using var second = new AmoCrmHarness(store: new SqliteCrmStore(Path.Combine(directory, "store.db")), fake: _h.Fake);
            first.UseOAuth();
            second.UseOAuth();
            _h.Fake.Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(AmoCrmFake.Json("token.json").WithDelay(TimeSpan.FromMilliseconds(300)));
            _h.Fake.Get(PipelinesPath, "pipelines.json");

            await Task.WhenAll(
                first.CreateAdapter().GetPipelinesAsync(CancellationToken.None),
                second.CreateAdapter().GetPipelinesAsync(CancellationToken.None),
                first.CreateAdapter().GetPipelinesAsync(CancellationToken.None),
                second.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

            Assert.Single(_h.Fake.Requests(TokenPath));
            Assert.All(_h.Fake.Requests(PipelinesPath), r => Assert.Equal("Bearer access-token-2", r.RequestMessage!.Headers!["Authorization"].Single()));
            var stored = await shared.GetCredentialAsync(AmoCrmHarness.ConnectionName, CancellationToken.None);
            Assert.Equal("refresh-token-2", stored!.Pair.RefreshToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task TokenNearExpiry_IsRefreshedBeforeUseWithTheRotatedRefreshToken()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero));
        using var h = new AmoCrmHarness(time: time, store: _store);
        h.UseOAuth();
        h.Fake.Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).InScenario("rotation").WillSetStateTo("second").RespondWith(AmoCrmFake.Json("token.json"));
        h.Fake.Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).InScenario("rotation").WhenStateIs("second").RespondWith(
            Response.Create().WithBody("{\"token_type\":\"Bearer\",\"expires_in\":86400,\"access_token\":\"access-token-3\",\"refresh_token\":\"refresh-token-3\"}"));
        h.Fake.Get(PipelinesPath, "pipelines.json");
        var adapter = h.CreateAdapter();
        await adapter.GetPipelinesAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(86400 - 200));
        await adapter.GetPipelinesAsync(CancellationToken.None);

        var refreshes = h.Fake.Requests(TokenPath);
        Assert.Equal(2, refreshes.Count);
        Assert.Equal("refresh-token-2", AmoCrmFake.Body(refreshes[1]).GetProperty("refresh_token").GetString());
        Assert.Equal("Bearer access-token-3", h.Fake.Requests(PipelinesPath)[1].RequestMessage!.Headers!["Authorization"].Single());
        Assert.Equal("refresh-token-3", _store.Current!.Pair.RefreshToken);
    }

    [Fact]
    public async Task RefreshTokenRefused_ThrowsAuthErrorSayingToAuthorizeAgain_WithoutCallingTheApi()
    {
        _h.Fake.Post(TokenPath, "error-refresh.json", status: 400);

        var ex = await Assert.ThrowsAsync<CrmAuthException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Contains("Token has been revoked", ex.Message, StringComparison.Ordinal);
        Assert.Contains("OAuth:RefreshToken", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-token-1", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Fake.Requests(PipelinesPath));
        Assert.Null(_store.Current!.LeaseHolder);
    }

    [Fact]
    public async Task Api401WithOAuth_RefreshesAndRetriesOnce_ThenStops()
    {
        _h.Fake.Post(TokenPath, "token.json");
        _h.Fake.Get(PipelinesPath, "error-401.json", status: 401);

        await Assert.ThrowsAsync<CrmAuthException>(() => _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None));

        Assert.Equal(2, _h.Fake.Requests(PipelinesPath).Count);
        Assert.Equal(2, _h.Fake.Requests(TokenPath).Count);
    }

    [Fact]
    public async Task NewRefreshTokenInTheConfiguration_RestartsTheStoredChainFromIt()
    {
        await _store.TrySaveCredentialAsync(AmoCrmHarness.ConnectionName, null, new CredentialPair("old-access", "old-refresh", DateTimeOffset.UnixEpoch, "some-other-seed"), DateTimeOffset.UnixEpoch, CancellationToken.None);
        _h.Fake.Post(TokenPath, "token.json");
        _h.Fake.Get(PipelinesPath, "pipelines.json");

        await _h.CreateAdapter().GetPipelinesAsync(CancellationToken.None);

        Assert.Equal("refresh-token-1", AmoCrmFake.Body(_h.Fake.Requests(TokenPath).Single()).GetProperty("refresh_token").GetString());
        Assert.Equal("refresh-token-2", _store.Current!.Pair.RefreshToken);
    }

    private static ResponseMessage Json(string body) => new()
    {
        StatusCode = 200,
        BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
    };
}
