namespace CrmBridge.Core.Cemetery;

/// <summary>Which rules a pipeline's deals follow.</summary>
public enum PipelineRole
{
    Sales,
    ClientSuccess,
}
