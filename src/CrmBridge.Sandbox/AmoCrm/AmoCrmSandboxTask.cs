namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>A task the sandbox account holds, as tests see it.</summary>
public sealed record AmoCrmSandboxTask(long Id, long LeadId, string Text, DateTimeOffset CompleteTill, long ResponsibleUserId, bool IsCompleted);
