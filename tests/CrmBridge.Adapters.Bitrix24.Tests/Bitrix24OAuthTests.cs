using CrmBridge.Adapters.Bitrix24.Tests.TestSupport;
using CrmBridge.Adapters.Http;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Credentials;
using CrmBridge.Core.Diagnostics;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Storage;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Faults;
using CrmBridge.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Adapters.Bitrix24.Tests;

/// <summary>
/// A Bitrix24 OAuth application against the sandbox portal and its authorization server (WireMock.Net, the real Refit
/// client): tokens are refreshed through the credential store, stored before use, refreshed once when they expire, and
/// a refused refresh stops with an auth error.
/// </summary>
public sealed class Bitrix24OAuthTests
{
    [Fact]
    public async Task FirstCall_RefreshesWithTheConfiguredToken_StoresTheNewPairBeforeUsingIt_AndSendsItAsAuth()
    {
        await using var host = await new SandboxSyncHost(deals: 20, oauth: true).StartAsync();
        var seed = host.Connection.OAuth!.RefreshToken!;

        await host.Adapter.GetPipelinesAsync(CancellationToken.None);

        Assert.Equal(1, host.Portal.OAuthRefreshes);
        var stored = await ((ICredentialStore)host.Store).GetCredentialAsync(host.Connection.Name, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.NotEqual(seed, stored.Pair.RefreshToken);
        Assert.True(stored.Pair.AccessTokenExpiresAt > host.Sandbox.Now.AddMinutes(50));
        var requests = host.Portal.Requests.Where(r => r.Path.StartsWith("/rest/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requests);
        Assert.Equal(
            "/bitrix24/oauth/token/",
            Assert.Single(host.Portal.Requests, r => !r.Path.StartsWith("/rest/", StringComparison.Ordinal)).Path);
        Assert.All(requests, r =>
        {
            Assert.Equal(200, r.StatusCode);
            Assert.StartsWith("/rest/", r.Path, StringComparison.Ordinal);
            Assert.Contains("auth=***", r.Query, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task NewPair_IsSavedBeforeThePortalSeesItsAccessToken()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 10 });
        var portal = sandbox.Bitrix24;
        using var directory = new TempStore();
        var store = new RecordingCredentialStore(directory.Store, () => portal.Requests.Count(r => r.Path.StartsWith("/rest/", StringComparison.Ordinal)));
        using var worker = new Worker(portal.CreateOAuthConnectionOptions("oauth"), store);
        portal.ResetRequestLog();

        await worker.Adapter().GetPipelinesAsync(CancellationToken.None);

        // The seed, then the refreshed pair: both saved while the portal had seen no request.
        Assert.Equal(2, store.Saves.Count);
        Assert.All(store.Saves, s => Assert.Equal(0, s.Probe));
        Assert.NotEmpty(portal.Requests);
    }

    [Fact]
    public async Task FullSync_AccessTokenExpiresMidSync_RefreshesOnceRepeatsTheRequestAndCompletes()
    {
        await using var host = await new SandboxSyncHost(deals: 600, oauth: true, faults: new SandboxFaultOptions()).StartAsync();
        host.Sandbox.Faults.Configure(new SandboxFaultOptions { ExpireTokenAfterRequests = 6 });

        var summary = await host.SyncAsync(full: true);

        Assert.Equal(600, summary.DealsFetched);
        Assert.Equal(600, await host.Store.CountDealsAsync(new DealQuery(host.Connection.Name), CancellationToken.None));
        Assert.Equal(1, host.Sandbox.Faults.UnauthorizedAnswers(Core.Model.CrmKind.Bitrix24));
        Assert.Equal(2, host.Portal.OAuthRefreshes);
        Assert.Equal(2, host.Portal.OAuthTokenRequests);
        Assert.False(host.Sandbox.Faults.TokenExpired(Core.Model.CrmKind.Bitrix24));
    }

    [Fact]
    public async Task IncrementalSync_AfterTheAccessTokenExpired_RefreshesOnceAndFetchesTheChange()
    {
        await using var host = await new SandboxSyncHost(deals: 120, oauth: true).StartAsync();
        await host.SyncAsync(full: true);
        var deal = host.Portal.GetDealId(host.Sandbox.Dataset.Deals[7].Key);
        host.Portal.RenameDeal(deal, "renamed.example - After expiry");
        host.Portal.ExpireAccessTokens();

        var summary = await host.SyncAsync(full: false);

        Assert.False(summary.Full);
        Assert.Equal(1, summary.Changed);
        Assert.Equal(2, host.Portal.OAuthRefreshes);
        Assert.Single(host.Portal.Requests, r => r.StatusCode == 401);
        Assert.Equal(2, host.Portal.Requests.Count(r => r.Path == "/bitrix24/oauth/token/"));
        Assert.Equal("renamed.example - After expiry", (await host.Store.GetDealAsync(host.Connection.Name, deal, CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task Sync_RefreshTokenRefused_StopsWithAnAuthErrorNamingTheConnection_WithoutRepeats()
    {
        await using var host = await new SandboxSyncHost(deals: 20, oauth: true).StartAsync();
        host.Connection.OAuth!.RefreshToken = "rt-that-was-never-issued";

        var failure = await Assert.ThrowsAsync<CrmAuthException>(() => host.SyncAsync(full: true));

        Assert.Contains(host.Connection.Name, failure.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", failure.Message, StringComparison.Ordinal);
        Assert.Contains("OAuth:RefreshToken", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Portal.OAuthTokenRequests);
        var refused = Assert.Single(host.Portal.Requests);
        Assert.Equal(("/bitrix24/oauth/token/", 400), (refused.Path, refused.StatusCode));
    }

    [Fact]
    public async Task Sync_AccessTokenExpiredAndRefreshRefused_StopsAfterOneRefusedRequest()
    {
        await using var host = await new SandboxSyncHost(deals: 20, oauth: true).StartAsync();
        await host.SyncAsync(full: true);
        var store = (ICredentialStore)host.Store;
        var stored = (await store.GetCredentialAsync(host.Connection.Name, CancellationToken.None))!;
        await store.TrySaveCredentialAsync(
            host.Connection.Name, stored.Version, stored.Pair with { RefreshToken = "rt-revoked" }, host.Sandbox.Now, CancellationToken.None);
        host.Portal.ExpireAccessTokens();
        host.Portal.ResetRequestLog();
        var tokenRequests = host.Portal.OAuthTokenRequests;

        var failure = await Assert.ThrowsAsync<CrmAuthException>(() => host.SyncAsync(full: false));

        Assert.Contains(host.Connection.Name, failure.Message, StringComparison.Ordinal);
        Assert.Equal(tokenRequests + 1, host.Portal.OAuthTokenRequests);
        Assert.Equal([401, 400], host.Portal.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task TwoWorkersSharingOneCredentialStore_RefreshingAtOnce_RefreshOnce()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 10 });
        var connection = sandbox.Bitrix24.CreateOAuthConnectionOptions("shared");
        using var directory = new TempStore();
        await using var second = new SqliteCrmStore(directory.Path);
        using var first = new Worker(connection, directory.Store);
        using var other = new Worker(connection, second);

        await Task.WhenAll(
            first.Adapter().GetPipelinesAsync(CancellationToken.None),
            other.Adapter().GetPipelinesAsync(CancellationToken.None),
            first.Adapter().GetOwnersAsync(CancellationToken.None),
            other.Adapter().GetOwnersAsync(CancellationToken.None));

        Assert.Equal(1, sandbox.Bitrix24.OAuthRefreshes);
        Assert.Equal(1, sandbox.Bitrix24.OAuthTokenRequests);
        Assert.All(sandbox.Bitrix24.Requests, r => Assert.Equal(200, r.StatusCode));
        Assert.Single(sandbox.Bitrix24.Requests, r => r.Path == "/bitrix24/oauth/token/");
    }

    [Fact]
    public async Task FullAndIncrementalSync_OverOAuth_StoreWhatTheWebhookStores()
    {
        await using var webhook = await new SandboxSyncHost(deals: 150).StartAsync();
        await using var oauth = await new SandboxSyncHost(deals: 150, oauth: true).StartAsync();

        var viaWebhook = await webhook.SyncAsync(full: true);
        var viaOAuth = await oauth.SyncAsync(full: true);
        var incremental = await oauth.SyncAsync(full: false);

        Assert.Equal(viaWebhook.DealsFetched, viaOAuth.DealsFetched);
        Assert.Equal(viaWebhook.Requests, viaOAuth.Requests);
        Assert.False(incremental.Full);
        foreach (var seeded in oauth.Sandbox.Dataset.Deals)
        {
            var id = oauth.Portal.GetDealId(seeded.Key);
            var expected = (await webhook.Store.GetDealAsync(webhook.Connection.Name, id, CancellationToken.None))!;
            var actual = (await oauth.Store.GetDealAsync(oauth.Connection.Name, id, CancellationToken.None))!;
            Assert.Equal(
                (expected.Name, expected.StageId, expected.Status, expected.Amount, expected.OwnerId, expected.CompanyId, expected.LostReason, expected.NextActivityAt.HasValue),
                (actual.Name, actual.StageId, actual.Status, actual.Amount, actual.OwnerId, actual.CompanyId, actual.LostReason, actual.NextActivityAt.HasValue));
            Assert.Equal(expected.ContactIds.Order(), actual.ContactIds.Order());
        }
    }

    /// <summary>One worker process: its own HTTP pipeline and factory, over a credential store it may share with others.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly ServiceProvider _services;
        private readonly CrmHttpClientProvider _http = new(new CrmRequestMeter(), TimeProvider.System);
        private readonly Bitrix24AdapterFactory _factory;
        private readonly ConnectionOptions _connection;

        public Worker(ConnectionOptions connection, ICredentialStore store)
        {
            _connection = connection;
            var services = new ServiceCollection();
            services.AddSingleton(store);
            _services = services.BuildServiceProvider();
            var options = Bitrix24Harness.FastOptions();
            options.RefreshPollInterval = TimeSpan.FromMilliseconds(20);
            _factory = new Bitrix24AdapterFactory(_http, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, _services);
        }

        public ICrmAdapter Adapter() => _factory.Create(_connection);

        public void Dispose()
        {
            _http.Dispose();
            _services.Dispose();
        }
    }

    /// <summary>A migrated SQLite store in a temporary directory, deleted at the end.</summary>
    private sealed class TempStore : IDisposable
    {
        private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crmbridge-bitrix24-oauth-" + Guid.NewGuid().ToString("N"));

        public TempStore()
        {
            Directory.CreateDirectory(_directory);
            Store = new SqliteCrmStore(Path);
            Store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        public string Path => System.IO.Path.Combine(_directory, "store.db");

        public SqliteCrmStore Store { get; }

        public void Dispose()
        {
            Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }
}
