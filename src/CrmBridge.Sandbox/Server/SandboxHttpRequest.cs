using System.Collections.Specialized;

namespace CrmBridge.Sandbox.Server;

/// <summary>An HTTP request as the dialects see it, independent of the server library.</summary>
internal sealed record SandboxHttpRequest(
    string Method,
    string Path,
    string RawQuery,
    NameValueCollection Query,
    string? Body,
    IReadOnlyDictionary<string, string> Headers)
{
    public string[] Segments { get; } = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
