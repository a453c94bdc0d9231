namespace CrmBridge.Core.Model;

/// <summary>A CRM pipeline with its stages in order.</summary>
public sealed record Pipeline(
    string Connection,
    string ExternalId,
    string Name,
    int Order,
    IReadOnlyList<Stage> Stages);
