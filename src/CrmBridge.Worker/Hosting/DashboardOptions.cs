namespace CrmBridge.Worker.Hosting;

/// <summary>The Hangfire dashboard of <c>crmbridge run</c>, section <c>CrmBridge:Dashboard</c>.</summary>
internal sealed class DashboardOptions
{
    public const string SectionName = "CrmBridge:Dashboard";

    /// <value>Defaults to true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>The address the dashboard listens on.</summary>
    /// <value>Defaults to 127.0.0.1; Hangfire serves only local requests unless told otherwise.</value>
    public string Host { get; set; } = "127.0.0.1";

    /// <value>Defaults to 5080.</value>
    public int Port { get; set; } = 5080;

    /// <summary>The dashboard's base path.</summary>
    /// <value>Defaults to /hangfire.</value>
    public string Path { get; set; } = "/hangfire";

    /// <summary>The user name the dashboard asks for (HTTP basic authentication); required when <see cref="Host"/> is not loopback.</summary>
    /// <value>Defaults to null: no sign-in, local requests only.</value>
    public string? Username { get; set; }

    /// <summary>The password, best as a secret reference (<c>env:NAME</c> or <c>file:/path</c>); required with <see cref="Username"/>.</summary>
    public string? Password { get; set; }

    /// <summary>Whether the address only this machine can reach.</summary>
    public bool IsLoopback =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(Host, out var address) && System.Net.IPAddress.IsLoopback(address));
}
