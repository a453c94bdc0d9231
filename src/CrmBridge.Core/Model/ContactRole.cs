namespace CrmBridge.Core.Model;

/// <summary>A person's part in the buying decision.</summary>
public enum ContactRole
{
    Unknown,
    DecisionMaker,
    Influencer,
    Champion,
}
