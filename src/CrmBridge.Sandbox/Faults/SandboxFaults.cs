using CrmBridge.Core.Model;

namespace CrmBridge.Sandbox.Faults;

/// <summary>
/// The sandbox's fault injection, live: what it injected so far, per CRM, and the switches a test flips between runs.
/// Every dialect gets it, because it sits in the server all of them register their endpoints on.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private readonly Dictionary<CrmKind, CrmState> _states = [];
    private readonly CrmState _unclaimed = new(null);
    private SandboxFaultOptions _options;
    private bool _enabled;

    internal SandboxFaults(SandboxFaultOptions? options)
    {
        _options = options ?? new SandboxFaultOptions();
        var errors = _options.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _enabled = options is not null;
    }

    /// <summary>The settings in force.</summary>
    public SandboxFaultOptions Options
    {
        get
        {
            lock (_gate)
            {
                return _options;
            }
        }
    }

    /// <summary>Whether faults are injected now; switching off leaves counts, expiry and rate limits as they are.</summary>
    /// <value>True when the sandbox was started with fault options.</value>
    public bool Enabled
    {
        get
        {
            lock (_gate)
            {
                return _enabled;
            }
        }

        set
        {
            lock (_gate)
            {
                _enabled = value;
            }
        }
    }

    /// <summary>Replaces the settings (a new rate, seed or kinds) from the next request on; counts are kept.</summary>
    public void Configure(SandboxFaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        lock (_gate)
        {
            _options = options;
            _enabled = true;
            foreach (var state in _states.Values)
            {
                state.Limiter = null;
            }
        }
    }

    /// <summary>Requests the CRM's endpoints received, faulted or not.</summary>
    public int Requests(CrmKind crm)
    {
        lock (_gate)
        {
            return _states.TryGetValue(crm, out var state) ? state.Requests : 0;
        }
    }

    /// <summary>How many faults of a kind the CRM's requests met.</summary>
    public int Injected(CrmKind crm, SandboxFaultKind kind)
    {
        lock (_gate)
        {
            return _states.TryGetValue(crm, out var state) ? state.Injected.GetValueOrDefault(kind) : 0;
        }
    }

    /// <summary>Every fault the CRM's requests met (expired-token answers and emulated rate limits not included).</summary>
    public int Injected(CrmKind crm)
    {
        lock (_gate)
        {
            return _states.TryGetValue(crm, out var state) ? state.Injected.Values.Sum() : 0;
        }
    }

    /// <summary>Answers the emulated rate limit (<see cref="SandboxFaultOptions.RateLimits"/>) gave the CRM's clients.</summary>
    public int RateLimitAnswers(CrmKind crm)
    {
        lock (_gate)
        {
            return _states.TryGetValue(crm, out var state) ? state.RateLimitAnswers : 0;
        }
    }

    /// <summary>Answers "token expired" the CRM gave since its token expired.</summary>
    public int UnauthorizedAnswers(CrmKind crm)
    {
        lock (_gate)
        {
            return _states.TryGetValue(crm, out var state) ? state.UnauthorizedAnswers : 0;
        }
    }

    /// <summary>Whether the CRM's token has expired (<see cref="SandboxFaultOptions.ExpireTokenAfterRequests"/>) and not been renewed.</summary>
    public bool TokenExpired(CrmKind crm)
    {
        lock (_gate)
        {
            return _states.TryGetValue(crm, out var state) && state.TokenExpired;
        }
    }

    /// <summary>Ends an expired-token spell: the CRM accepts requests again, and its token does not expire a second time.</summary>
    public void RenewToken(CrmKind crm)
    {
        lock (_gate)
        {
            var state = State(crm);
            state.TokenExpired = false;
            state.TokenRenewed = true;
        }
    }

    internal SandboxFaultDecision Decide(CrmKind? crm, DateTimeOffset now)
    {
        lock (_gate)
        {
            var state = crm is { } kind ? State(kind) : _unclaimed;
            state.Requests++;
            var options = _options;
            if (options.ExpireTokenAfterRequests is { } expireAfter && crm is not null && !state.TokenRenewed && state.Requests > expireAfter)
            {
                state.TokenExpired = true;
            }

            if (state.TokenExpired)
            {
                state.UnauthorizedAnswers++;
                return new SandboxFaultDecision(SandboxFaultAction.UnauthorizedBefore, crm, 0, TimeSpan.Zero);
            }

            if (crm is { } limited && options.RateLimits.TryGetValue(limited, out var limit))
            {
                state.Limiter ??= new SandboxLimitEnforcer(limit);
                if (!state.Limiter.TryAcquire(now, out var retryAfter))
                {
                    state.RateLimitAnswers++;
                    return new SandboxFaultDecision(SandboxFaultAction.RateLimitedBefore, crm, 0, retryAfter);
                }
            }

            if (!_enabled || options.Rate <= 0 || options.Kinds.Count == 0)
            {
                return SandboxFaultDecision.None;
            }

            var sequence = (ulong)state.Requests;
            var salt = (ulong)(crm is { } k ? (int)k + 1 : 0);
            if (Unit(Mix((ulong)options.Seed, salt, sequence, 0)) >= options.Rate)
            {
                return SandboxFaultDecision.None;
            }

            var pick = Mix((ulong)options.Seed, salt, sequence, 1);
            var fault = options.Kinds[(int)(pick % (ulong)options.Kinds.Count)];
            var variant = (int)((pick >> 32) % 1024);
            state.Injected[fault] = state.Injected.GetValueOrDefault(fault) + 1;
            var action = fault switch
            {
                SandboxFaultKind.RateLimited => SandboxFaultAction.RateLimitedBefore,
                SandboxFaultKind.ServerError => SandboxFaultAction.ServerErrorBefore,
                SandboxFaultKind.Timeout => SandboxFaultAction.TimeoutAfter,
                SandboxFaultKind.DroppedConnection => variant % 2 == 0 ? SandboxFaultAction.DropBefore : SandboxFaultAction.DropAfter,
                SandboxFaultKind.MalformedBody => SandboxFaultAction.MalformedAfter,
                SandboxFaultKind.TruncatedBody => SandboxFaultAction.TruncatedAfter,
                _ => SandboxFaultAction.None,
            };
            return new SandboxFaultDecision(action, crm, variant, options.RetryAfter);
        }
    }

    private CrmState State(CrmKind crm)
    {
        if (!_states.TryGetValue(crm, out var state))
        {
            state = new CrmState(crm);
            _states[crm] = state;
        }

        return state;
    }

    private static double Unit(ulong value) => (value >> 11) * (1.0 / (1UL << 53));

    /// <summary>SplitMix64 over the inputs: the same inputs always give the same fault.</summary>
    private static ulong Mix(ulong seed, ulong crm, ulong sequence, ulong stream)
    {
        var x = seed * 0x9E3779B97F4A7C15UL ^ (crm << 48) ^ (sequence << 2) ^ stream;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private sealed class CrmState(CrmKind? crm)
    {
        public CrmKind? Crm { get; } = crm;

        public int Requests { get; set; }

        public Dictionary<SandboxFaultKind, int> Injected { get; } = [];

        public int RateLimitAnswers { get; set; }

        public int UnauthorizedAnswers { get; set; }

        public bool TokenExpired { get; set; }

        public bool TokenRenewed { get; set; }

        public SandboxLimitEnforcer? Limiter { get; set; }
    }
}
