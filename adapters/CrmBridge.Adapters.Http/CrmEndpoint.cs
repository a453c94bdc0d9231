using System.Text;

namespace CrmBridge.Adapters.Http;

/// <summary>
/// Names the endpoint of a request for logs and error messages as "METHOD /path/template", never from the raw URL:
/// URLs carry ids and query strings, and Bitrix24 webhook URLs carry the secret in the path.
/// </summary>
public static class CrmEndpoint
{
    /// <summary>An explicit endpoint name ("GET /v1/things/{id}") set on a request; wins over everything else.</summary>
    public static readonly HttpRequestOptionsKey<string> NameKey = new("CrmBridge.Endpoint");

    // Refit's source-generated clients put the method's path template here.
    private static readonly HttpRequestOptionsKey<string> RefitPathTemplateKey = new("Refit.RelativePathTemplate");

    /// <summary>The endpoint name of a request: the explicit name, else the Refit path template, else the path with every segment holding a digit replaced by <c>{id}</c>.</summary>
    public static string Describe(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.TryGetValue(NameKey, out var name) && !string.IsNullOrEmpty(name))
        {
            return name;
        }

        if (request.Options.TryGetValue(RefitPathTemplateKey, out var template) && !string.IsNullOrEmpty(template))
        {
            return $"{request.Method.Method} {StripQuery(template)}";
        }

        return $"{request.Method.Method} {RedactedPath(request.RequestUri)}";
    }

    private static string StripQuery(string template)
    {
        var query = template.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? template : template[..query];
        return path.StartsWith('/') ? path : "/" + path;
    }

    private static string RedactedPath(Uri? uri)
    {
        if (uri is null)
        {
            return "/";
        }

        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', 2)[0];
        var builder = new StringBuilder();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append('/').Append(segment.Any(char.IsDigit) || segment.Length > 24 ? "{id}" : segment);
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }
}
