namespace CrmBridge.Core.Model;

/// <summary>What reaching a stage means for a deal.</summary>
public enum StageOutcome
{
    Open,
    Won,
    Lost,
}
