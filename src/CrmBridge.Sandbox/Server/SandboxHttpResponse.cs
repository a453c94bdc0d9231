namespace CrmBridge.Sandbox.Server;

/// <summary>An HTTP response as the dialects produce it: a status, a UTF-8 JSON body (or none) and extra headers.</summary>
internal sealed class SandboxHttpResponse(int statusCode, byte[]? body)
{
    public int StatusCode { get; } = statusCode;

    public byte[]? Body { get; } = body;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public SandboxHttpResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
