using System.Text.Json;
using System.Threading.Channels;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>
/// Sweeps one connection: streams its deals from the store in chunks (a reader task looks up each chunk's companies
/// and contacts while the previous chunk is checked), runs the compiled rules, and writes the findings (a writer task,
/// while the next chunk is checked) inside one hygiene-store transaction that commits only when the whole sweep is done. A deal that cannot be checked, or a
/// stored row that cannot be read, is skipped with a logged reason; the sweep goes on.
/// </summary>
public sealed partial class HygieneSweeper(
    ICrmStore store,
    IHygieneStore hygieneStore,
    IOptions<HygieneOptions> options,
    IOptions<CrmBridgeOptions> bridgeOptions,
    TimeProvider time,
    ILogger<HygieneSweeper> logger)
{
    private const int MaxReportedSkips = 100;
    private const int MaxUnreadableRows = 1000;
    private const int RelatedCacheLimit = 50_000;

    public async Task<HygieneSweepResult> SweepAsync(string connection, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        var settings = options.Value;
        var pipelines = await store.GetPipelinesAsync(connection, cancellationToken);
        var rules = HygieneRuleCompiler.Compile(settings, connection, pipelines);
        foreach (var warning in rules.Warnings)
        {
            LogConfigurationWarning(warning);
        }

        var start = new HygieneSweepStart(Guid.NewGuid().ToString("N"), connection, time.GetUtcNow());
        var sink = new FindingSink();
        var evaluator = new DealEvaluator(connection, sink);
        var mapped = bridgeOptions.Value.FindConnection(connection)?.FieldMap.Keys ?? Enumerable.Empty<string>();
        var health = rules.All.Any(r => r.FieldHealthOn) ? new FieldHealthAccumulator(settings.FieldHealth, mapped) : null;
        var skips = new SkipLog(this);
        var contacts = new List<Contact>();
        long swept = 0;
        var ordinal = 0;

        // The cross-deal tables are sized from the previous sweep (growing a million-entry table doubles it for a
        // moment); counting the deals instead would scan the whole table once more.
        var previous = await hygieneStore.GetSweepsAsync(connection, 1, cancellationToken);
        var expected = previous.Count == 0 ? 0 : (int)Math.Min(previous[0].DealsSwept + previous[0].DealsSkipped, 50_000_000);
        var cross = new CrossDealRules(connection, sink, expected, rules.All.Any(r => r.DuplicateNamesOn), rules.All.Any(r => r.OpenDealsPerCompanyOn));
        await using var writer = await hygieneStore.BeginSweepAsync(start, cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<DealChunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var members = rules.All.Aggregate(HygieneDealMembers.None, (all, set) => all | set.DealMembers);
        var needsCompanies = health is not null || rules.All.Any(r => r.NeedsCompany);
        var needsContacts = health is not null || rules.All.Any(r => r.NeedsContacts);
        var producer = Task.Run(() => ProduceAsync(connection, members, Math.Max(1, settings.ChunkSize), needsCompanies, needsContacts, channel.Writer, skips, stop.Token), stop.Token);
        var findings = Channel.CreateBounded<List<HygieneFinding>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var writing = Task.Run(() => WriteAsync(writer, findings, stop.Token), stop.Token);
        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken))
            {
                for (var i = 0; i < chunk.Deals.Count; i++)
                {
                    var deal = chunk.Deals[i];
                    try
                    {
                        var set = rules.For(deal.PipelineId);
                        var company = chunk.Companies[i];
                        contacts.Clear();
                        for (var c = i == 0 ? 0 : chunk.ContactEnds[i - 1]; c < chunk.ContactEnds[i]; c++)
                        {
                            if (!contacts.Contains(chunk.Contacts[c]))
                            {
                                contacts.Add(chunk.Contacts[c]);
                            }
                        }

                        evaluator.Evaluate(deal, company, contacts, set);
                        cross.Observe(deal, set, ordinal);
                        if (health is not null && set.FieldHealthOn)
                        {
                            health.ObserveDeal(deal);
                            if (company is not null)
                            {
                                health.ObserveCompany(company);
                            }

                            foreach (var contact in contacts)
                            {
                                health.ObserveContact(contact);
                            }
                        }

                        swept++;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        skips.Add(deal.ExternalId, $"{ex.GetType().Name}: {ex.Message}");
                    }

                    ordinal++;
                }

                if (sink.Chunk.Count > 0)
                {
                    await findings.Writer.WriteAsync(sink.TakeChunk(), cancellationToken);
                }
            }

            await producer;
            findings.Writer.Complete();
            await writing;
        }
        catch
        {
            await stop.CancelAsync();
            findings.Writer.TryComplete();
            await Task.WhenAny(producer);
            await Task.WhenAny(writing);
            if (writing.Exception?.InnerException is { } failed and not OperationCanceledException)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
            }

            throw;
        }

        if (cross.NeedsSecondPass)
        {
            await RevisitAsync(connection, cross, writer, sink, cancellationToken);
        }

        var completedAt = time.GetUtcNow();
        var record = await writer.CompleteAsync(
            new HygieneSweepTotals(swept, skips.Count, sink.Total, completedAt, health?.Build() ?? []),
            cancellationToken);
        LogSwept(connection, swept, skips.Count, sink.Total, record.Opened, record.Resolved, (completedAt - start.StartedAt).TotalMilliseconds);
        return new HygieneSweepResult(record, sink.ByRule, sink.ByOwner, skips.Reported, rules.Warnings);
    }

    private static async Task FlushAsync(IHygieneSweepWriter writer, FindingSink sink, CancellationToken cancellationToken)
    {
        if (sink.Chunk.Count > 0)
        {
            await writer.AddFindingsAsync(sink.Chunk, cancellationToken);
            sink.ClearChunk();
        }
    }

    /// <summary>Writes the checked chunks' findings in order; a failure closes the channel so the checker stops too.</summary>
    private static async Task WriteAsync(IHygieneSweepWriter writer, Channel<List<HygieneFinding>> findings, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in findings.Reader.ReadAllAsync(cancellationToken))
            {
                await writer.AddFindingsAsync(batch, cancellationToken);
            }
        }
        catch (Exception ex)
        {
            findings.Writer.TryComplete(ex);
            throw;
        }
    }

    private async Task RevisitAsync(string connection, CrossDealRules cross, IHygieneSweepWriter writer, FindingSink sink, CancellationToken cancellationToken)
    {
        var ordinal = 0;
        await foreach (var deal in ReadDealsAsync(connection, HygieneDealMembers.None, new SkipLog(null), cancellationToken))
        {
            cross.Revisit(deal, ordinal++);
            if (sink.Chunk.Count >= 1000)
            {
                await FlushAsync(writer, sink, cancellationToken);
            }
        }

        await FlushAsync(writer, sink, cancellationToken);
    }

    /// <summary>
    /// Two stages, so reading, looking up and checking overlap: one task streams deals into chunks, another looks up
    /// each chunk's companies and contacts (both at once), while the caller checks the chunk before.
    /// </summary>
    private async Task ProduceAsync(string connection, HygieneDealMembers members, int chunkSize, bool needsCompanies, bool needsContacts, ChannelWriter<DealChunk> output, SkipLog skips, CancellationToken cancellationToken)
    {
        var read = Channel.CreateBounded<List<Deal>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var cache = new RelatedRecordCache(RelatedCacheLimit);
        var reader = Task.Run(() => ReadChunksAsync(connection, members, chunkSize, read.Writer, skips, cancellationToken), cancellationToken);
        try
        {
            await foreach (var deals in read.Reader.ReadAllAsync(cancellationToken))
            {
                await output.WriteAsync(await LookUpAsync(connection, deals, needsCompanies, needsContacts, cache, cancellationToken), cancellationToken);
            }

            await reader;
            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
            throw;
        }
    }

    private async Task ReadChunksAsync(string connection, HygieneDealMembers members, int chunkSize, ChannelWriter<List<Deal>> output, SkipLog skips, CancellationToken cancellationToken)
    {
        try
        {
            var deals = new List<Deal>(chunkSize);
            await foreach (var deal in ReadDealsAsync(connection, members, skips, cancellationToken))
            {
                deals.Add(deal);
                if (deals.Count == chunkSize)
                {
                    await output.WriteAsync(deals, cancellationToken);
                    deals = new List<Deal>(chunkSize);
                }
            }

            if (deals.Count > 0)
            {
                await output.WriteAsync(deals, cancellationToken);
            }

            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
            throw;
        }
    }

    private async Task<DealChunk> LookUpAsync(string connection, List<Deal> deals, bool needsCompanies, bool needsContacts, RelatedRecordCache cache, CancellationToken cancellationToken)
    {
        cache.TrimIfFull();
        var companyIds = new HashSet<string>(StringComparer.Ordinal);
        var contactIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var deal in deals)
        {
            if (needsCompanies && !string.IsNullOrEmpty(deal.CompanyId) && !cache.TryGetCompany(deal.CompanyId, out _))
            {
                companyIds.Add(deal.CompanyId);
            }

            if (needsContacts)
            {
                foreach (var id in deal.ContactIds)
                {
                    if (!string.IsNullOrEmpty(id) && !cache.TryGetContact(id, out _))
                    {
                        contactIds.Add(id);
                    }
                }
            }
        }

        if (companyIds.Count > 0 || contactIds.Count > 0)
        {
            var companies = companyIds.Count == 0 ? Task.FromResult<IReadOnlyList<Company>>([]) : Task.Run(() => store.GetCompaniesAsync(connection, companyIds, cancellationToken), cancellationToken);
            var contacts = contactIds.Count == 0 ? Task.FromResult<IReadOnlyList<Contact>>([]) : Task.Run(() => store.GetContactsAsync(connection, contactIds, cancellationToken), cancellationToken);
            await Task.WhenAll(companies, contacts);
            cache.AddCompanies(companyIds, await companies);
            cache.AddContacts(contactIds, await contacts);
        }

        var resolved = new Company?[deals.Count];
        var linked = new List<Contact>(needsContacts ? deals.Count * 2 : 0);
        var ends = new int[deals.Count];
        for (var i = 0; i < deals.Count; i++)
        {
            var deal = deals[i];
            if (needsCompanies && !string.IsNullOrEmpty(deal.CompanyId) && cache.TryGetCompany(deal.CompanyId, out var company))
            {
                resolved[i] = company;
            }

            if (needsContacts)
            {
                foreach (var id in deal.ContactIds)
                {
                    if (!string.IsNullOrEmpty(id) && cache.TryGetContact(id, out var contact) && contact is not null)
                    {
                        linked.Add(contact);
                    }
                }
            }

            ends[i] = linked.Count;
        }

        return new DealChunk(deals, resolved, [.. linked], ends);
    }

    /// <summary>
    /// Streams the connection's deals. A stored row that cannot be mapped ends the store's stream; its id is then read
    /// on its own, it is skipped with a logged reason, and the stream resumes after it.
    /// </summary>
    private async IAsyncEnumerable<Deal> ReadDealsAsync(string connection, HygieneDealMembers members, SkipLog skips, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var unreadable = 0;
        string? lastId = null;
        var deals = hygieneStore.StreamSweepDealsAsync(connection, null, members, cancellationToken);
        while (true)
        {
            var enumerator = deals.GetAsyncEnumerator(cancellationToken);
            string? badId = null;
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await enumerator.MoveNextAsync())
                        {
                            yield break;
                        }
                    }
                    catch (Exception ex) when (IsUnreadableRow(ex) && unreadable < MaxUnreadableRows)
                    {
                        unreadable++;
                        badId = await hygieneStore.GetNextDealIdAsync(connection, lastId, cancellationToken);
                        skips.Add(badId, $"the stored deal could not be read: {ex.GetType().Name}: {ex.Message}");
                        break;
                    }

                    lastId = enumerator.Current.ExternalId;
                    yield return enumerator.Current;
                }
            }
            finally
            {
                await enumerator.DisposeAsync();
            }

            if (badId is null)
            {
                yield break;
            }

            lastId = badId;
            deals = hygieneStore.StreamSweepDealsAsync(connection, badId, members, cancellationToken);
        }
    }

    private static bool IsUnreadableRow(Exception exception) => exception is InvalidCastException or FormatException or JsonException
        or InvalidOperationException or ArgumentException or OverflowException or KeyNotFoundException or IndexOutOfRangeException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hygiene: {Warning}")]
    private partial void LogConfigurationWarning(string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hygiene sweep skipped deal {DealId}: {Reason}")]
    private partial void LogSkipped(string dealId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hygiene sweep of {Connection}: {Deals} deals, {Skipped} skipped, {Findings} findings ({Opened} new, {Resolved} resolved) in {Milliseconds:F0} ms")]
    private partial void LogSwept(string connection, long deals, long skipped, long findings, long opened, long resolved, double milliseconds);

    /// <summary>Counts skips, logs each, and keeps the first ones for the report; shared by the reader task and the checker.</summary>
    private sealed class SkipLog(HygieneSweeper? owner)
    {
        private readonly List<HygieneSkippedDeal> _reported = [];
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public IReadOnlyList<HygieneSkippedDeal> Reported
        {
            get
            {
                lock (_reported)
                {
                    return [.. _reported];
                }
            }
        }

        public void Add(string? dealId, string reason)
        {
            Interlocked.Increment(ref _count);
            owner?.LogSkipped(dealId ?? "(unreadable row)", reason);
            lock (_reported)
            {
                if (_reported.Count < MaxReportedSkips)
                {
                    _reported.Add(new HygieneSkippedDeal(dealId, reason));
                }
            }
        }
    }
}
