using CrmBridge.Core.Model;
using CrmBridge.Sandbox;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>The CRMs the sandbox serves, as theory data: a dialect added to <c>CrmSandbox.Crms</c> is tested here too.</summary>
public static class SandboxCrms
{
    private static readonly Lazy<IReadOnlyList<CrmKind>> Served = new(() =>
    {
        using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 1 });
        return [.. sandbox.Crms.Select(c => c.Kind)];
    });

    /// <summary>Every CRM <c>CrmSandbox.Crms</c> serves, in its order.</summary>
    public static IReadOnlyList<CrmKind> Kinds => Served.Value;

    public static TheoryData<CrmKind> All
    {
        get
        {
            var data = new TheoryData<CrmKind>();
            foreach (var kind in Kinds)
            {
                data.Add(kind);
            }

            return data;
        }
    }
}
