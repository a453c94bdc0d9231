namespace CrmBridge.Core.ClientSuccess;

/// <summary>One task of the Client Success plan, created on a CS deal when it enters <see cref="Period"/>.</summary>
public sealed class ClientSuccessPlanTaskOptions
{
    /// <summary>The cadence whose calendar this task belongs to.</summary>
    /// <value>Defaults to <see cref="CsCadence.Yearly"/>.</value>
    public CsCadence Cadence { get; set; } = CsCadence.Yearly;

    /// <summary>The period (1-based: month, week or quarter of the cycle) that gets the task.</summary>
    public int Period { get; set; }

    /// <summary>A stable short key, part of the task's idempotency key; renaming the subject must not create the task again.</summary>
    public string Key { get; set; } = "";

    /// <summary>The task's title in the CRM.</summary>
    public string Subject { get; set; } = "";

    public string? Body { get; set; }

    /// <summary>Days after the period starts that the task is due; capped at the period's end.</summary>
    /// <value>Defaults to 7.</value>
    public int DueDays { get; set; } = 7;
}
