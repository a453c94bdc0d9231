using System.Net;
using System.Text.Json;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Faults;

namespace CrmBridge.Sandbox.Tests.Bitrix24;

/// <summary>The Bitrix24 dialect's OAuth mode over HTTP: the authorization server, <c>auth</c> on portal calls, expiry and faults.</summary>
public sealed class Bitrix24OAuthSandboxTests : IDisposable
{
    private readonly CrmSandbox _sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 20, Faults = new SandboxFaultOptions() });
    private readonly HttpClient _client = new();

    public void Dispose()
    {
        _client.Dispose();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task TokenEndpoint_RefreshToken_IssuesANewPairOnce_AndThePortalAcceptsTheAccessTokenAsAuth()
    {
        var portal = _sandbox.Bitrix24;
        var seed = portal.IssueRefreshToken();

        var (status, pair) = await RefreshAsync(seed);
        var (again, reused) = await RefreshAsync(seed);
        var call = await CallAsync("crm.category.list", pair.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3600, pair.GetProperty("expires_in").GetInt64());
        Assert.Equal(portal.BaseUrl.AbsoluteUri, pair.GetProperty("client_endpoint").GetString());
        Assert.NotEqual(seed, pair.GetProperty("refresh_token").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal("invalid_grant", reused.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.Equal(1, portal.OAuthRefreshes);
        Assert.Equal(2, portal.OAuthTokenRequests);
        Assert.Equal(["/bitrix24/oauth/token/", "/bitrix24/oauth/token/", "/rest/crm.category.list.json"], portal.Requests.Select(r => r.Path));
        Assert.Equal("auth=***", portal.Requests[2].Query);
        Assert.All(portal.Requests.Take(2), r => Assert.EndsWith("client_secret=***&refresh_token=***", r.Query, StringComparison.Ordinal));
        Assert.All(portal.Requests, r => Assert.DoesNotContain(portal.OAuthClientSecret, r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PortalCall_WithoutAValidToken_Answers401InvalidToken_AndAnExpiredOne401ExpiredToken()
    {
        var portal = _sandbox.Bitrix24;
        var (_, pair) = await RefreshAsync(portal.IssueRefreshToken());
        var token = pair.GetProperty("access_token").GetString();

        var missing = await CallAsync("crm.category.list", null);
        var wrong = await CallAsync("crm.category.list", "not-a-token");
        portal.ExpireAccessTokens();
        var expired = await CallAsync("crm.category.list", token);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (missing.Status, missing.Error));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), (wrong.Status, wrong.Error));
        Assert.Equal((HttpStatusCode.Unauthorized, "expired_token"), (expired.Status, expired.Error));
    }

    [Fact]
    public async Task InjectedTokenExpiry_PortalAnswersExpiredToken_UntilARefreshEndsTheSpell()
    {
        var portal = _sandbox.Bitrix24;
        var (_, pair) = await RefreshAsync(portal.IssueRefreshToken());
        _sandbox.Faults.Configure(new SandboxFaultOptions { ExpireTokenAfterRequests = 0 });

        var refused = await CallAsync("crm.category.list", pair.GetProperty("access_token").GetString());
        var (status, renewed) = await RefreshAsync(pair.GetProperty("refresh_token").GetString()!);
        var accepted = await CallAsync("crm.category.list", renewed.GetProperty("access_token").GetString());

        Assert.Equal((HttpStatusCode.Unauthorized, "expired_token"), (refused.Status, refused.Error));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.False(_sandbox.Faults.TokenExpired(CrmKind.Bitrix24));
        Assert.Equal(1, _sandbox.Faults.UnauthorizedAnswers(CrmKind.Bitrix24));
    }

    [Fact]
    public async Task ExpireToken_RevokesTheApplicationsRefreshTokens()
    {
        var portal = _sandbox.Bitrix24;
        var seed = portal.IssueRefreshToken();

        portal.ExpireToken();
        var (status, body) = await RefreshAsync(seed);
        var (renewed, _) = await RefreshAsync(portal.IssueRefreshToken());

        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (status, body.GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.OK, renewed);
    }

    [Fact]
    public async Task TokenEndpoint_WrongClientSecret_Answers401InvalidClient()
    {
        var portal = _sandbox.Bitrix24;
        var uri = new Uri(portal.OAuthTokenUrl, $"?grant_type=refresh_token&client_id={portal.OAuthClientId}&client_secret=wrong&refresh_token={portal.IssueRefreshToken()}");

        using var response = await _client.GetAsync(uri);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", body.RootElement.GetProperty("error").GetString());
        Assert.Equal(0, portal.OAuthRefreshes);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(string refreshToken)
    {
        var portal = _sandbox.Bitrix24;
        var uri = new Uri(
            portal.OAuthTokenUrl,
            $"?grant_type=refresh_token&client_id={Uri.EscapeDataString(portal.OAuthClientId)}&client_secret={Uri.EscapeDataString(portal.OAuthClientSecret)}"
            + $"&refresh_token={Uri.EscapeDataString(refreshToken)}");
        using var response = await _client.GetAsync(uri);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, string? Error)> CallAsync(string method, string? token)
    {
        var uri = new Uri(_sandbox.Bitrix24.BaseUrl, method + ".json" + (token is null ? "" : "?auth=" + Uri.EscapeDataString(token)));
        using var content = new StringContent("""{"entityTypeId":2}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(uri, content);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.TryGetProperty("error", out var error) ? error.GetString() : null);
    }
}
