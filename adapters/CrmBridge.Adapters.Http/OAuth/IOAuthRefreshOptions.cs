namespace CrmBridge.Adapters.Http.OAuth;

/// <summary>When an adapter refreshes OAuth access tokens, and how long one worker may hold the refresh.</summary>
public interface IOAuthRefreshOptions
{
    /// <summary>An access token this close to its expiry is refreshed before use.</summary>
    TimeSpan RefreshBeforeExpiry { get; }

    /// <summary>How long one worker may hold the refresh before another may take it over.</summary>
    TimeSpan RefreshLeaseDuration { get; }

    /// <summary>How often a worker waiting for another's refresh reads the stored pair again.</summary>
    TimeSpan RefreshPollInterval { get; }
}
