namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>A Pipedrive user (a deal owner) of the sandbox account.</summary>
internal sealed record PipedriveUserRow(long Id, string Name, string Email, string DatasetKey, DateTimeOffset CreatedAt);
