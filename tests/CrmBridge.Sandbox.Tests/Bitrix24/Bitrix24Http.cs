using System.Net;
using System.Text;
using System.Text.Json;

namespace CrmBridge.Sandbox.Tests.Bitrix24;

/// <summary>Plain HTTP against the sandbox portal, as a client that knows only the wire contract would call it.</summary>
internal sealed class Bitrix24Http(Uri webhook) : IDisposable
{
    private readonly HttpClient client = new() { BaseAddress = webhook };

    public Task<Reply> CallAsync(string method, string json) => CallAsync(method, json, client.BaseAddress!);

    public async Task<Reply> CallAsync(string method, string json, Uri webhookUrl)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(webhookUrl, method + ".json"), content);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public void Dispose() => client.Dispose();

    internal sealed record Reply(HttpStatusCode Status, JsonElement Json)
    {
        public JsonElement Result => Json.GetProperty("result");
    }
}
