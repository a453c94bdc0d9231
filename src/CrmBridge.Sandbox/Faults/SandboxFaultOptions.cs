namespace CrmBridge.Sandbox.Faults;

/// <summary>
/// What the sandbox injects into the requests every dialect serves. Decisions are a pure function of the seed, the CRM and
/// the request's sequence number with that CRM, so the same client behaviour meets the same faults on every run.
/// </summary>
public sealed record SandboxFaultOptions
{
    /// <summary>Every fault kind, the default of <see cref="Kinds"/>.</summary>
    public static IReadOnlyList<SandboxFaultKind> AllKinds { get; } = Enum.GetValues<SandboxFaultKind>();

    /// <summary>The share of requests that meet a fault, from 0 to 1.</summary>
    /// <value>Defaults to 0: none.</value>
    public double Rate { get; init; }

    /// <value>Defaults to 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>The kinds to choose from, uniformly, when a request meets a fault.</summary>
    /// <value>Defaults to <see cref="AllKinds"/>.</value>
    public IReadOnlyList<SandboxFaultKind> Kinds { get; init; } = AllKinds;

    /// <summary>How long a <see cref="SandboxFaultKind.Timeout"/> holds the answer; set it past the client's attempt timeout.</summary>
    /// <value>Defaults to 3 seconds.</value>
    public TimeSpan TimeoutDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The wait a rate-limit answer asks for (Retry-After, in whole seconds, where the CRM sends one).</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The access token stops working after this many requests to each CRM: every later request is answered with the CRM's
    /// 401 until <see cref="SandboxFaults.RenewToken"/> (what an operator rotating the token, or a refresh, does).
    /// </summary>
    /// <value>Defaults to null: the token never expires.</value>
    public int? ExpireTokenAfterRequests { get; init; }

    /// <summary>Added to every request's answer, as a slow CRM or a long network path would.</summary>
    /// <value>Defaults to zero.</value>
    public TimeSpan Latency { get; init; }

    /// <summary>A request budget each CRM enforces with its own "slow down" answer, e.g. the CRM's documented limit.</summary>
    /// <value>Defaults to empty: no limit beyond a dialect's own.</value>
    public IReadOnlyDictionary<Core.Model.CrmKind, SandboxEmulatedLimit> RateLimits { get; init; } = new Dictionary<Core.Model.CrmKind, SandboxEmulatedLimit>();

    /// <summary>Lists what is wrong with the settings.</summary>
    public IEnumerable<string> Validate()
    {
        if (Rate is < 0 or > 1 || double.IsNaN(Rate))
        {
            yield return $"Faults.Rate {Rate} must be between 0 and 1.";
        }

        if (Rate > 0 && Kinds.Count == 0)
        {
            yield return "Faults.Kinds is empty while Faults.Rate is above 0.";
        }

        if (TimeoutDelay < TimeSpan.Zero || RetryAfter < TimeSpan.Zero || Latency < TimeSpan.Zero)
        {
            yield return "Faults.TimeoutDelay, RetryAfter and Latency must not be negative.";
        }

        if (ExpireTokenAfterRequests is < 0)
        {
            yield return $"Faults.ExpireTokenAfterRequests {ExpireTokenAfterRequests} must not be negative.";
        }
    }
}
