namespace CrmBridge.Core.Hygiene;

/// <summary>Owner tasks for findings a sweep cannot fix, under <c>CrmBridge:Hygiene:Tasks</c>.</summary>
public sealed class HygieneTaskOptions
{
    /// <summary>Create tasks after scheduled sweeps (the CLI asks with <c>--tasks</c>).</summary>
    /// <value>Defaults to false.</value>
    public bool Enabled { get; set; }

    /// <summary>Days from the sweep to the task's due date.</summary>
    /// <value>Defaults to 3.</value>
    public int DueInDays { get; set; } = 3;

    /// <summary>The most tasks one sweep creates per connection, so a first sweep does not flood the CRM.</summary>
    /// <value>Defaults to 200.</value>
    public int MaxPerSweep { get; set; } = 200;
}
