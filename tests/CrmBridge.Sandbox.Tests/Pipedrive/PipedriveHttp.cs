using System.Net;
using System.Text;
using System.Text.Json;

namespace CrmBridge.Sandbox.Tests.Pipedrive;

/// <summary>Plain HTTP against the sandbox Pipedrive account, as a client that knows only the wire contract would call it.</summary>
internal sealed class PipedriveHttp(CrmSandbox sandbox) : IDisposable
{
    private readonly HttpClient client = new() { BaseAddress = new Uri(sandbox.Pipedrive.BaseUrl.AbsoluteUri.TrimEnd('/') + "/") };

    public string? ApiToken { get; set; } = sandbox.Pipedrive.ApiToken;

    public string? Bearer { get; set; }

    public Task<Reply> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery, null);

    public Task<Reply> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, body);

    public Task<Reply> PatchAsync(string path, object body) => SendAsync(HttpMethod.Patch, path, body);

    public async Task<Reply> SendAsync(HttpMethod method, string pathAndQuery, object? body)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (ApiToken is not null)
        {
            request.Headers.Add("x-api-token", ApiToken);
        }

        if (Bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Bearer);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), headers);
    }

    public void Dispose() => client.Dispose();

    internal sealed record Reply(HttpStatusCode Status, JsonElement Json, IReadOnlyDictionary<string, string> Headers)
    {
        public JsonElement Data => Json.GetProperty("data");

        public string? NextCursor => Json.GetProperty("additional_data").GetProperty("next_cursor").GetString();
    }
}
