using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using CrmBridge.Resilience.Tests.Harness;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Faults;

namespace CrmBridge.Resilience.Tests.Faults;

/// <summary>
/// Every fault kind, in every CRM's dialect, reaches the caller as a <see cref="CrmException"/> that says what happened
/// (never a raw HTTP or JSON exception) when retries are off; and the same seed gives the same faults.
/// </summary>
public sealed class FaultAnswerTests
{
    public static TheoryData<CrmKind, SandboxFaultKind> EveryCrmAndFault
    {
        get
        {
            var data = new TheoryData<CrmKind, SandboxFaultKind>();
            foreach (var crm in SandboxCrms.Kinds)
            {
                foreach (var fault in SandboxFaultOptions.AllKinds)
                {
                    data.Add(crm, fault);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(EveryCrmAndFault))]
    public async Task Read_WhenEveryRequestMeetsTheFault_FailsWithTheMatchingCrmException(CrmKind kind, SandboxFaultKind fault)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 5 });
        var crm = sandbox.Crms.Single(c => c.Kind == kind);
        using var directory = new TempDirectory();
        await using var host = new ResilienceHost(crm, directory.File("store.db"), new Dictionary<string, string?> { [$"CrmBridge:{kind}:Resilience:MaxAttempts"] = "1" });
        await host.InitializeAsync();
        sandbox.Faults.Configure(new SandboxFaultOptions { Rate = 1, Kinds = [fault], TimeoutDelay = FastResilience.FaultTimeoutDelay, RetryAfter = TimeSpan.FromSeconds(1) });

        var exception = await Assert.ThrowsAnyAsync<CrmException>(() => host.Adapter.GetPipelinesAsync(CancellationToken.None));

        Assert.Equal(kind, exception.Crm);
        Assert.Equal(host.Connection.Name, exception.Connection);
        switch (fault)
        {
            case SandboxFaultKind.RateLimited:
                Assert.IsType<CrmRateLimitedException>(exception);
                break;
            case SandboxFaultKind.MalformedBody:
                Assert.IsType<CrmResponseException>(exception);
                break;
            default:
                Assert.IsType<CrmUnavailableException>(exception);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(SandboxCrms.All), MemberType = typeof(SandboxCrms))]
    public async Task Read_WithAnExpiredToken_FailsWithAnAuthError(CrmKind kind)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 5 });
        var crm = sandbox.Crms.Single(c => c.Kind == kind);
        using var directory = new TempDirectory();
        await using var host = new ResilienceHost(crm, directory.File("store.db"));
        await host.InitializeAsync();
        sandbox.Faults.Configure(new SandboxFaultOptions { ExpireTokenAfterRequests = 0 });

        await Assert.ThrowsAsync<CrmAuthException>(() => host.Adapter.GetPipelinesAsync(CancellationToken.None));
        Assert.True(sandbox.Faults.TokenExpired(kind));
    }

    [Theory]
    [MemberData(nameof(SandboxCrms.All), MemberType = typeof(SandboxCrms))]
    public async Task Faults_WithTheSameSeed_AreTheSameOnEveryRun(CrmKind kind)
    {
        var first = await OutcomesAsync(kind, seed: 5);
        var second = await OutcomesAsync(kind, seed: 5);
        var other = await OutcomesAsync(kind, seed: 6);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Contains("ok", first);
        Assert.Contains(first, o => o != "ok");
    }

    private static async Task<List<string>> OutcomesAsync(CrmKind kind, int seed)
    {
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 5 });
        var crm = sandbox.Crms.Single(c => c.Kind == kind);
        using var directory = new TempDirectory();
        await using var host = new ResilienceHost(crm, directory.File("store.db"), new Dictionary<string, string?> { [$"CrmBridge:{kind}:Resilience:MaxAttempts"] = "1" });
        await host.InitializeAsync();
        sandbox.Faults.Configure(new SandboxFaultOptions
        {
            Rate = 0.5,
            Seed = seed,
            Kinds = [SandboxFaultKind.RateLimited, SandboxFaultKind.ServerError, SandboxFaultKind.MalformedBody],
        });
        var outcomes = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            try
            {
                await host.Adapter.GetOwnersAsync(CancellationToken.None);
                outcomes.Add("ok");
            }
            catch (CrmException ex)
            {
                outcomes.Add(ex.GetType().Name);
            }
        }

        return outcomes;
    }
}
