namespace CrmBridge.Sandbox.Pipedrive;

public sealed partial class PipedriveSandbox
{
    /// <summary>Tasks created through the API: <see cref="CreatedActivities"/> under the name every dialect uses.</summary>
    public IReadOnlyList<(string Id, string? DealId, string? OwnerId, string Subject, DateTimeOffset DueAt)> Tasks => CreatedActivities;
}
