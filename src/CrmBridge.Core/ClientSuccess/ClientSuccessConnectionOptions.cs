namespace CrmBridge.Core.ClientSuccess;

/// <summary>Client Success settings of one connection, under <c>CrmBridge:ClientSuccess:Connections:{name}</c>.</summary>
public sealed class ClientSuccessConnectionOptions
{
    /// <summary>The cadence of this connection's CS pipeline; null takes <see cref="ClientSuccessOptions.Cadence"/>.</summary>
    public CsCadence? Cadence { get; set; }

    /// <summary>Sales owner id to the CS manager id who takes the customer over; owners not listed keep the deal.</summary>
    public Dictionary<string, string> OwnerMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The CS manager for owners not in <see cref="OwnerMap"/>; null keeps the sales owner.</summary>
    public string? DefaultManager { get; set; }

    /// <summary>The CS pipeline's stage ids for periods 1, 2, ...; empty takes the pipeline's open stages in order.</summary>
    public List<string> StageIds { get; set; } = [];
}
