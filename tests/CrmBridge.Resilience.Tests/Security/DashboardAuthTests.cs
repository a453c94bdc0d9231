using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CrmBridge.Resilience.Tests.Harness;
using CrmBridge.Sandbox;

namespace CrmBridge.Resilience.Tests.Security;

/// <summary>The dashboard asks for a sign-in whenever other machines could reach it, and the worker refuses to start without one.</summary>
[Trait("Category", "Security")]
public sealed class DashboardAuthTests
{
    private const string Password = "correct-horse-battery";

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.10.20")]
    [InlineData("::")]
    public async Task Run_OnANonLoopbackAddressWithoutCredentials_RefusesToStart(string host)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 5 });
        using var directory = new TempDirectory();
        var configuration = WorkerConfiguration.ForSandbox(sandbox, directory.File("store.db"));
        configuration["CrmBridge:Dashboard:Host"] = host;
        configuration["CrmBridge:Dashboard:Port"] = DeadPort.Free().ToString(CultureInfo.InvariantCulture);

        using var worker = await WorkerProcess.RunAsync(directory.Path, configuration, TimeSpan.FromMinutes(1), "run");

        Assert.Equal(2, worker.ExitCode);
        Assert.Contains("CrmBridge:Dashboard:Username", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OnAllInterfacesWithCredentials_ServesOnlyThoseWhoSignIn()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 5 });
        using var directory = new TempDirectory();
        var port = DeadPort.Free();
        var configuration = WorkerConfiguration.ForSandbox(sandbox, directory.File("store.db"));
        configuration["CrmBridge:Dashboard:Host"] = "0.0.0.0";
        configuration["CrmBridge:Dashboard:Port"] = port.ToString(CultureInfo.InvariantCulture);
        configuration["CrmBridge:Dashboard:Username"] = "ops";
        configuration["CrmBridge:Dashboard:Password"] = "env:CRMBRIDGE_TEST_DASHBOARD_PASSWORD";
        configuration["CRMBRIDGE_TEST_DASHBOARD_PASSWORD"] = Password;
        using var worker = WorkerProcess.Start(directory.Path, configuration, "run");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var anonymous = await WaitForAnswerAsync(http, null, worker);
        var wrong = await WaitForAnswerAsync(http, Basic("ops", "guess"), worker);
        var signedIn = await WaitForAnswerAsync(http, Basic("ops", Password), worker);
        var health = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Run_WithAPasswordReferenceThatDoesNotResolve_RefusesToStartNamingTheKey()
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 5 });
        using var directory = new TempDirectory();
        var configuration = WorkerConfiguration.ForSandbox(sandbox, directory.File("store.db"));
        configuration["CrmBridge:Dashboard:Host"] = "0.0.0.0";
        configuration["CrmBridge:Dashboard:Port"] = DeadPort.Free().ToString(CultureInfo.InvariantCulture);
        configuration["CrmBridge:Dashboard:Username"] = "ops";
        configuration["CrmBridge:Dashboard:Password"] = "env:CRMBRIDGE_TEST_UNSET_PASSWORD_VARIABLE";

        using var worker = await WorkerProcess.RunAsync(directory.Path, configuration, TimeSpan.FromMinutes(1), "run");

        Assert.Equal(2, worker.ExitCode);
        Assert.Contains("CrmBridge:Dashboard:Password", worker.Output, StringComparison.Ordinal);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static async Task<HttpResponseMessage> WaitForAnswerAsync(HttpClient http, AuthenticationHeaderValue? authorization, WorkerProcess worker)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/hangfire", UriKind.Relative));
            request.Headers.Authorization = authorization;
            try
            {
                return await http.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                Assert.False(worker.HasExited, worker.ToString());
                await Task.Delay(500);
            }
        }

        throw new TimeoutException("the dashboard never answered: " + worker);
    }
}
