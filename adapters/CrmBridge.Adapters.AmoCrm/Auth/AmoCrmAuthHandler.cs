using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmBridge.Adapters.Http;

namespace CrmBridge.Adapters.AmoCrm.Auth;

/// <summary>
/// Authenticates every attempt with <c>Authorization: Bearer</c>. After a 401 it asks the token provider once for a
/// different token (an OAuth token revoked early) and tries once more, never more. A 403 (amoCRM blocks an account or
/// IP address after abuse) gets a message that says so, and is never retried.
/// </summary>
internal sealed class AmoCrmAuthHandler(IAmoCrmTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(base.SendAsync, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized
            && await tokens.RenewRejectedAsync(token, base.SendAsync, cancellationToken) is { } renewed)
        {
            response.Dispose();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
            response = await base.SendAsync(request, cancellationToken);
        }

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            await ExplainForbiddenAsync(response, cancellationToken);
        }

        return response;
    }

    private static async Task ExplainForbiddenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var said = AmoCrmErrorBody.ReadMessage(body) ?? CrmErrorBody.ReadMessage(body);
        var detail = "access refused by amoCRM (HTTP 403): the account's API access or this IP address is blocked (amoCRM does this "
            + "after too many requests or suspicious traffic), or the user lacks the rights; CrmBridge stopped without retrying"
            + (said is null ? "" : $". amoCRM said: {said}");
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("status", 403);
            writer.WriteString("detail", detail);
            writer.WriteEndObject();
        }

        var replaced = new StringContent(Encoding.UTF8.GetString(buffer.ToArray()), Encoding.UTF8, "application/problem+json");
        response.Content.Dispose();
        response.Content = replaced;
    }
}
