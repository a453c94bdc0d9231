namespace CrmBridge.Core.Model;

/// <summary>Whether a deal is still being worked on, won or lost.</summary>
public enum DealStatus
{
    Open,
    Won,
    Lost,
}
