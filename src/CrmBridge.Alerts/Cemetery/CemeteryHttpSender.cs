using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CrmBridge.Core.Cemetery;

namespace CrmBridge.Alerts.Cemetery;

/// <summary>
/// POSTs a JSON body through the cemetery's resilient HTTP client (retries on 5xx, 408, 429 and network failures) and
/// turns every failure into a <see cref="CemeteryDeliveryException"/> that names the channel and status, never the URL.
/// </summary>
internal sealed class CemeteryHttpSender(IHttpClientFactory factory)
{
    public const string ClientName = "crmbridge-cemetery";

    public async Task<string> PostJsonAsync(string channel, Uri url, string json, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var client = factory.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CemeteryDeliveryException($"{channel}: the request failed ({ex.HttpRequestError})", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CemeteryDeliveryException($"{channel}: the request timed out", ex);
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw new CemeteryDeliveryException($"{channel}: the request timed out", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CemeteryDeliveryException($"{channel}: HTTP {(int)response.StatusCode} {Describe(response.StatusCode)}{Excerpt(body)}");
            }

            return body;
        }
    }

    private static string Describe(HttpStatusCode status) => status.ToString();

    /// <summary>A short excerpt of the error body (Slack and Telegram explain the problem there); bodies never echo the URL.</summary>
    private static string Excerpt(string body)
    {
        var trimmed = body.Trim().ReplaceLineEndings(" ");
        return trimmed.Length == 0 ? "" : ": " + (trimmed.Length > 200 ? trimmed[..200] + "…" : trimmed);
    }
}
