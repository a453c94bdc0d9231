namespace CrmBridge.Adapters.Pipedrive;

/// <summary>How a connection's token is sent.</summary>
public enum PipedriveAuthMode
{
    /// <summary>A 40-character hexadecimal token is an API token; anything else an OAuth access token.</summary>
    Auto,

    /// <summary>The personal API token, in the <c>x-api-token</c> header.</summary>
    ApiToken,

    /// <summary>An OAuth access token, as <c>Authorization: Bearer</c>.</summary>
    OAuth,
}
