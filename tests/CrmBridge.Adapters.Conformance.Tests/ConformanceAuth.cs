namespace CrmBridge.Adapters.Conformance.Tests;

/// <summary>How a conformance member's connection authenticates.</summary>
public enum ConformanceAuth
{
    /// <summary>The sandbox's default connection: a private-app token, API token, long-lived token or inbound webhook.</summary>
    Default,

    /// <summary>An OAuth application whose access tokens expire and are refreshed through the credential store.</summary>
    OAuth,
}
