namespace CrmBridge.Sandbox.Faults;

/// <summary>
/// Carries a decision made where the dialect is known (the endpoint callback) to where the connection is handled (the
/// middleware in front of it), through the request's async flow.
/// </summary>
internal sealed class SandboxFaultSlot
{
    private static readonly AsyncLocal<SandboxFaultSlot?> CurrentSlot = new();

    public static SandboxFaultSlot? Current
    {
        get => CurrentSlot.Value;
        set => CurrentSlot.Value = value;
    }

    public SandboxFaultAction Action { get; set; }
}
