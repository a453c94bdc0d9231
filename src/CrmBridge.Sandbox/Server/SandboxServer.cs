using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Web;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox.Faults;
using Microsoft.AspNetCore.Builder;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace CrmBridge.Sandbox.Server;

/// <summary>The in-process HTTP server the dialects register their endpoints on (WireMock.Net, stateful callbacks).</summary>
internal sealed class SandboxServer : IDisposable
{
    private const int StartAttempts = 5;
    private readonly WireMockServer server;
    private readonly FaultHook faultHook;

    private SandboxServer(WireMockServer server, Uri baseUrl, FaultHook faultHook)
    {
        this.server = server;
        BaseUrl = baseUrl;
        this.faultHook = faultHook;
    }

    /// <summary>The server root, without a trailing slash in its string form.</summary>
    public Uri BaseUrl { get; }

    public static SandboxServer Start(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        for (var attempt = 1; ; attempt++)
        {
            var chosen = port == 0 ? FindFreePort(host) : port;
            var faultHook = new FaultHook();
            try
            {
                var server = WireMockServer.Start(new WireMockServerSettings
                {
                    Urls = [$"http://{host}:{chosen}"],
                    StartAdminInterface = false,
                    DisableJsonBodyParsing = true,
                    AllowBodyForAllHttpMethods = true,
                    DoNotSaveDynamicResponseInLogEntry = true,
                    MaxRequestLogCount = 0,
                    DisableRequestBodyDecompressing = true,
                    PreWireMockMiddlewareInit = app => SandboxFaultMiddleware.Use((IApplicationBuilder)app, () => faultHook.Faults),
                });
                return new SandboxServer(server, new Uri($"http://{FormatHost(host)}:{chosen}"), faultHook);
            }
            catch (Exception) when (port == 0 && attempt < StartAttempts)
            {
                // Another process took the free port between probing and binding: probe again.
            }
        }
    }

    /// <summary>Registers a handler for requests whose method is <paramref name="method"/> (null: any) and whose path matches <paramref name="pathPattern"/>.</summary>
    /// <param name="priority">Lower wins when several mappings match.</param>
    public void Map(string? method, Regex pathPattern, int priority, Func<SandboxHttpRequest, Match, SandboxHttpResponse> handler)
    {
        var request = Request.Create().WithPath(path => pathPattern.IsMatch(path));
        if (method is not null)
        {
            request = request.UsingMethod(method);
        }
        else
        {
            request = request.UsingAnyMethod();
        }

        var owner = FaultHook.Owner(handler);
        server.Given(request).AtPriority(priority).RespondWith(Response.Create().WithCallback(message =>
        {
            var request = ToRequest(message);
            if (faultHook.Faults is null)
            {
                return ToResponse(handler(request, pathPattern.Match(request.Path)));
            }

            return ToResponse(faultHook.Handle(owner, request, r => handler(r, pathPattern.Match(r.Path))));
        }));
    }

    /// <summary>
    /// Turns on fault injection for every endpoint mapped on this server; the dialects are asked for lazily, to tell which
    /// CRM a request is for (the dialect whose type, or namespace, registered the endpoint).
    /// </summary>
    public SandboxFaults UseFaults(SandboxFaultOptions? options, Func<IReadOnlyList<ISandboxCrm>> dialects, Func<DateTimeOffset> now)
    {
        faultHook.Faults = new SandboxFaults(options);
        faultHook.Dialects = dialects;
        faultHook.Now = now;
        return faultHook.Faults;
    }

    public void Dispose()
    {
        server.Stop();
        server.Dispose();
    }

    private static SandboxHttpRequest ToRequest(IRequestMessage message)
    {
        var raw = message.RawQuery ?? "";
        if (raw.StartsWith('?'))
        {
            raw = raw[1..];
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (message.Headers is not null)
        {
            foreach (var (name, values) in message.Headers)
            {
                headers[name] = string.Join(",", values);
            }
        }

        var body = message.Body ?? (message.BodyAsBytes is { Length: > 0 } bytes ? Encoding.UTF8.GetString(bytes) : null);
        return new SandboxHttpRequest(message.Method.ToUpperInvariant(), message.Path, raw, HttpUtility.ParseQueryString(raw), body, headers);
    }

    private static ResponseMessage ToResponse(SandboxHttpResponse response)
    {
        var message = new ResponseMessage
        {
            StatusCode = response.StatusCode,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
        };
        foreach (var (name, value) in response.Headers)
        {
            message.Headers[name] = new WireMockList<string>(value);
        }

        if (response.Body is not null)
        {
            message.Headers["Content-Type"] = new WireMockList<string>("application/json;charset=utf-8");
            message.BodyData = new BodyData
            {
                BodyAsBytes = response.Body,
                DetectedBodyType = BodyType.Bytes,
            };
        }

        return message;
    }

    private static int FindFreePort(string host)
    {
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : IPAddress.Loopback;
        using var listener = new TcpListener(address, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FormatHost(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
}
