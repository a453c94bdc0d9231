using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace CrmBridge.Sandbox.Tests.AmoCrm;

/// <summary>Plain HTTP against the sandbox account, as a client that knows only amoCRM's wire contract would call it.</summary>
internal sealed class AmoCrmHttp(CrmSandbox sandbox) : IDisposable
{
    private readonly HttpClient client = new() { BaseAddress = sandbox.AmoCrm.BaseUrl };

    public string? Token { get; set; } = sandbox.AmoCrm.Token;

    public Task<Reply> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery, null);

    public Task<Reply> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    public Task<Reply> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, body);

    public async Task<Reply> SendAsync(HttpMethod method, string pathAndQuery, object? body)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        JsonElement json = default;
        if (text.Length > 0 && (text[0] == '{' || text[0] == '['))
        {
            json = JsonDocument.Parse(text).RootElement.Clone();
        }

        return new Reply(response.StatusCode, json, text, headers);
    }

    public void Dispose() => client.Dispose();

    internal sealed record Reply(HttpStatusCode Status, JsonElement Json, string Text, IReadOnlyDictionary<string, string> Headers)
    {
        public List<JsonElement> Embedded(string key) => [.. Json.GetProperty("_embedded").GetProperty(key).EnumerateArray()];
    }
}
