using System.Threading.RateLimiting;

namespace CrmBridge.Adapters.Http.Resilience;

/// <summary>
/// An exact rolling window: no more than <c>permitLimit</c> requests within any <c>span</c>. A request counts from the
/// moment its lease is returned, which the pipeline does once the whole answer has arrived: the CRM counted the request
/// before it answered, so two requests a span apart by this clock are at least a span apart by the CRM's, whatever the
/// latency. The client can so use the CRM's whole budget without going over it. Waiting requests are served in order.
/// </summary>
internal sealed class CrmRollingWindowLimiter : RateLimiter
{
    private static readonly RateLimitLease Refused = new RefusedLease();

    private readonly int _permitLimit;
    private readonly TimeSpan _span;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _turn = new(1, 1);

    // Timestamps at which requests finished, oldest first; each holds a permit until it is a span old.
    private readonly Queue<long> _finished = new();
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _waiting;
    private long _leases;
    private long _idleSince;
    private bool _disposed;

    /// <param name="permitLimit">Requests allowed within <paramref name="span"/>.</param>
    /// <param name="span">The CRM's window plus whatever margin the caller wants.</param>
    public CrmRollingWindowLimiter(int permitLimit, TimeSpan span, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _permitLimit = permitLimit;
        _span = span;
        _time = time;
        _idleSince = time.GetTimestamp();
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                Prune(now);
                return _inFlight > 0 || _finished.Count > 0 || _waiting > 0 ? null : _time.GetElapsedTime(_idleSince, now);
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            Prune(_time.GetTimestamp());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _permitLimit - _inFlight - _finished.Count,
                CurrentQueuedCount = _waiting,
                TotalSuccessfulLeases = _leases,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Prune(_time.GetTimestamp());
            var free = _waiting == 0 && _inFlight + _finished.Count < _permitLimit;
            return permitCount == 0 ? (free ? new Lease(null) : Refused) : free ? Take() : Refused;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _waiting++;
        }

        try
        {
            // One waiter at a time looks for a permit, so they are served in order of arrival.
            await _turn.WaitAsync(cancellationToken);
            try
            {
                while (true)
                {
                    TimeSpan? wait;
                    Task released;
                    lock (_gate)
                    {
                        ObjectDisposedException.ThrowIf(_disposed, this);
                        var now = _time.GetTimestamp();
                        Prune(now);
                        if (permitCount == 0 && _inFlight + _finished.Count < _permitLimit)
                        {
                            return new Lease(null);
                        }

                        if (_inFlight + _finished.Count < _permitLimit)
                        {
                            return Take();
                        }

                        // Every permit is held: by a finished request until it is a span old, else by one still in flight.
                        wait = _finished.Count > 0 ? _span - _time.GetElapsedTime(_finished.Peek(), now) : null;
                        released = _released.Task;
                    }

                    if (wait is { } delay)
                    {
                        await Task.Delay(delay, _time, cancellationToken);
                    }
                    else
                    {
                        await released.WaitAsync(cancellationToken);
                    }
                }
            }
            finally
            {
                _turn.Release();
            }
        }
        finally
        {
            lock (_gate)
            {
                _waiting--;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                _disposed = true;
            }

            _turn.Dispose();
        }

        base.Dispose(disposing);
    }

    // Under _gate.
    private Lease Take()
    {
        _inFlight++;
        _leases++;
        return new Lease(this);
    }

    // Under _gate.
    private void Prune(long now)
    {
        while (_finished.Count > 0 && _time.GetElapsedTime(_finished.Peek(), now) >= _span)
        {
            _finished.Dequeue();
        }
    }

    private void Return()
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _inFlight--;
            _finished.Enqueue(now);
            _idleSince = now;
            released = _released;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }

    private sealed class Lease(CrmRollingWindowLimiter? owner) : RateLimitLease
    {
        private CrmRollingWindowLimiter? _owner = owner;

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            Interlocked.Exchange(ref _owner, null)?.Return();
            base.Dispose(disposing);
        }
    }

    private sealed class RefusedLease : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
