using CrmBridge.Core.Model;
using CrmBridge.Sandbox;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>The CRMs the sandbox serves, as theory data: a dialect added to <c>CrmSandbox.Crms</c> is tested here too.</summary>
public static class SandboxCrms
{
    public static TheoryData<CrmKind> All
    {
        get
        {
            using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = 1 });
            var data = new TheoryData<CrmKind>();
            foreach (var crm in sandbox.Crms)
            {
                data.Add(crm.Kind);
            }

            return data;
        }
    }
}
