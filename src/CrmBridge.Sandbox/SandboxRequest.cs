namespace CrmBridge.Sandbox;

/// <summary>One request a sandbox dialect received. Headers are not kept, so no credential ends up in the log.</summary>
/// <param name="Query">The raw query string without the leading <c>?</c>; empty when none.</param>
/// <param name="Body">The request body as text; null when none.</param>
/// <param name="StatusCode">The status the sandbox answered with.</param>
public sealed record SandboxRequest(string Method, string Path, string Query, string? Body, int StatusCode, DateTimeOffset ReceivedAt);
