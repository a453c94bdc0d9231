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
