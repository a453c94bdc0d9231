using System.Globalization;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Errors;
using CrmBridge.Core.Model;
using CrmBridge.Core.Storage;
using CrmBridge.Core.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.ClientSuccess;

/// <summary>
/// Copies each won deal of a connection's sales pipelines once into its Client Success pipeline. Exactly once: the
/// intent is claimed in the store before the write (a conditional insert, so one run wins), the copy is written through
/// <see cref="CrmWriter"/> with a marker derived from the deal (the writer searches the CRM for that marker before it
/// creates), and the link is recorded. A run stopped between any two steps is finished by the next run that claims the
/// deal once the stopped run's claim expires; a copy already in the CRM is found by its marker rather than created again.
/// Reads the won deals from the store: run a sync first.
/// </summary>
public sealed partial class CsCarryOverEngine(
    CrmAdapterResolver adapters,
    ICrmStore store,
    IClientSuccessStore csStore,
    CrmWriter writer,
    IOptions<CrmBridgeOptions> bridgeOptions,
    IOptions<ClientSuccessOptions> options,
    ICarryOverObserver observer,
    TimeProvider time,
    ILogger<CsCarryOverEngine> logger)
{
    /// <summary>The actor recorded in the audit log.</summary>
    public const string Actor = "cs-carry-over";

    /// <summary>Carries over the connection's won deals that are not carried over yet.</summary>
    /// <param name="retryRejected">Also try again the deals whose copy the CRM rejected earlier.</param>
    public async Task<CsCarryOverReport> RunAsync(string connection, bool dryRun, bool retryRejected, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        var (setup, problem) = await CsConnectionSetup.LoadAsync(bridgeOptions.Value, options.Value, store, connection, cancellationToken);
        if (setup is null)
        {
            return CsCarryOverReport.Skipped(connection, dryRun, problem!);
        }

        // One adapter for every write and look-up of this run: its pipelines are read once, not once per copy.
        using var run = adapters.BeginRun();
        var firstStage = setup.StageFor(1)!;
        var candidates = await WonDealsAsync(setup, cancellationToken);
        var existing = (await csStore.GetCarryOversAsync(connection, cancellationToken)).ToDictionary(r => r.OriginalId, StringComparer.Ordinal);
        var claimant = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        var items = new List<CsCarryOverItem>();
        var alreadyCarried = 0;
        foreach (var deal in candidates)
        {
            var record = existing.GetValueOrDefault(deal.ExternalId);
            if (record?.State == CarryOverState.Completed)
            {
                alreadyCarried++;
                continue;
            }

            var intent = Intent(setup, deal, firstStage);
            var copy = NewCopy(setup, deal, intent);
            var item = new CsCarryOverItem(deal.ExternalId, deal.Name, deal.Amount, deal.Currency, intent.OwnerId, intent.SignedAt, intent.Cadence, firstStage, record?.CopyId, CsCarryOverOutcome.WouldCreate, null);
            if (record?.State == CarryOverState.Rejected && !retryRejected)
            {
                items.Add(item with { Outcome = CsCarryOverOutcome.Rejected, Message = record.Error });
                continue;
            }

            if (dryRun)
            {
                items.Add(await DryRunAsync(connection, copy, record, item, cancellationToken));
                continue;
            }

            var result = await CarryOverAsync(setup, deal, intent, copy, claimant, retryRejected, item, cancellationToken);
            if (result is null)
            {
                alreadyCarried++;
            }
            else
            {
                items.Add(result);
            }
        }

        return new CsCarryOverReport(connection, dryRun, candidates.Count, alreadyCarried, items, null);
    }

    private async Task<List<Deal>> WonDealsAsync(CsConnectionSetup setup, CancellationToken cancellationToken)
    {
        var sales = setup.Connection.Pipelines.Sales.Count > 0 ? new HashSet<string>(setup.Connection.Pipelines.Sales, StringComparer.Ordinal) : null;
        var since = setup.Options.WonSince;
        var deals = new List<Deal>();
        await foreach (var deal in store.StreamDealsAsync(new DealQuery(setup.Connection.Name, Status: DealStatus.Won), cancellationToken))
        {
            if (deal.PipelineId == setup.PipelineId
                || (sales is not null && !sales.Contains(deal.PipelineId))
                || CsMarkers.IsCarryOver(deal.Fields.GetValueOrDefault(CanonicalFields.DealMarker))
                || (since is { } s && SignedAt(deal) < s))
            {
                continue;
            }

            deals.Add(deal);
        }

        return deals;
    }

    private async Task<CsCarryOverItem> DryRunAsync(string connection, NewDeal copy, CarryOverRecord? record, CsCarryOverItem item, CancellationToken cancellationToken)
    {
        if (record?.CopyId is not null)
        {
            return item with { Outcome = CsCarryOverOutcome.WouldFinish };
        }

        var result = await writer.CreateDealAsync(connection, copy, Actor, dryRun: true, cancellationToken);
        return result.AlreadyDone
            ? item with { Outcome = CsCarryOverOutcome.WouldFinish, CopyId = result.EntityId }
            : item;
    }

    /// <summary>The claimed carry-over of one deal; null when it turned out completed already.</summary>
    private async Task<CsCarryOverItem?> CarryOverAsync(
        CsConnectionSetup setup, Deal deal, CarryOverIntent intent, NewDeal copy, string claimant, bool retryRejected, CsCarryOverItem item, CancellationToken cancellationToken)
    {
        var connection = setup.Connection.Name;
        var claim = await csStore.TryClaimCarryOverAsync(intent, claimant, time.GetUtcNow(), setup.Options.ClaimLease, retryRejected, cancellationToken);
        switch (claim.Outcome)
        {
            case CarryOverClaimOutcome.Completed:
                return null;
            case CarryOverClaimOutcome.Busy:
                return item with { Outcome = CsCarryOverOutcome.InProgressElsewhere, CopyId = claim.Record.CopyId, Message = $"claimed by another run until {claim.Record.LeaseUntil:u}" };
            case CarryOverClaimOutcome.Rejected:
                return item with { Outcome = CsCarryOverOutcome.Rejected, Message = claim.Record.Error };
        }

        await observer.OnStepAsync(CarryOverStep.IntentRecorded, connection, deal.ExternalId, cancellationToken);
        var copyId = claim.Record.CopyId;
        var outcome = copyId is null ? CsCarryOverOutcome.Created : CsCarryOverOutcome.Reconciled;
        try
        {
            if (copyId is null)
            {
                var written = await writer.CreateDealAsync(connection, copy, Actor, dryRun: false, cancellationToken);
                await observer.OnStepAsync(CarryOverStep.CopyWritten, connection, deal.ExternalId, cancellationToken);
                if (written.AlreadyDone)
                {
                    outcome = CsCarryOverOutcome.Reconciled;
                }

                // The writer's answer names the copy (created, found by its marker, or recorded by an earlier run); only
                // when it cannot is the CRM searched, which may lag behind a create.
                copyId = written.EntityId
                    ?? (await adapters.Resolve(setup.Connection).FindDealByMarkerAsync(intent.Marker, cancellationToken))?.ExternalId
                    ?? throw new InvalidOperationException($"The copy of deal {deal.ExternalId} was written but neither the writer nor a search by marker {intent.Marker} gives its id.");
                await observer.OnStepAsync(CarryOverStep.CopyReconciled, connection, deal.ExternalId, cancellationToken);
                await csStore.RecordCarryOverCopyAsync(connection, deal.ExternalId, copyId, time.GetUtcNow(), cancellationToken);
                await observer.OnStepAsync(CarryOverStep.LinkRecorded, connection, deal.ExternalId, cancellationToken);
            }

            // The copy exists: a follow-up the CRM rejects is reported, never retried blindly, and does not hold the carry-over open.
            string? followUpError = null;
            if (setup.Options.LinkNote)
            {
                try
                {
                    await writer.AddNoteAsync(connection, new NewNote(copyId, LinkNoteBody(setup, deal)), CsMarkers.LinkNote(intent.Marker), Actor, dryRun: false, cancellationToken);
                }
                catch (CrmValidationException ex)
                {
                    followUpError = $"link note rejected: {ex.Message}";
                }

                await observer.OnStepAsync(CarryOverStep.LinkNoteAdded, connection, deal.ExternalId, cancellationToken);
            }

            if (setup.Options is { TagOriginal: true, TagField: { } tagField }
                && !string.Equals(deal.Fields.GetValueOrDefault(tagField), setup.Options.TagValue, StringComparison.Ordinal))
            {
                var tag = new DealUpdate { DealId = deal.ExternalId, Fields = new Dictionary<string, string?>(StringComparer.Ordinal) { [tagField] = setup.Options.TagValue } };
                try
                {
                    await writer.UpdateDealAsync(connection, tag, Actor, dryRun: false, cancellationToken);
                }
                catch (CrmValidationException ex)
                {
                    followUpError = $"tag on the original rejected: {ex.Message}";
                }

                await observer.OnStepAsync(CarryOverStep.OriginalTagged, connection, deal.ExternalId, cancellationToken);
            }

            await csStore.CompleteCarryOverAsync(connection, deal.ExternalId, time.GetUtcNow(), cancellationToken);
            await observer.OnStepAsync(CarryOverStep.Completed, connection, deal.ExternalId, cancellationToken);
            LogCarried(connection, deal.ExternalId, copyId, outcome);
            return item with { Outcome = outcome, CopyId = copyId, Message = followUpError };
        }
        catch (CrmValidationException ex) when (copyId is null)
        {
            await csStore.RejectCarryOverAsync(connection, deal.ExternalId, claimant, ex.Message, CancellationToken.None);
            LogRejected(connection, deal.ExternalId, ex.Message);
            return item with { Outcome = CsCarryOverOutcome.Rejected, Message = ex.Message };
        }
        catch (CrmAuthException ex)
        {
            await csStore.ReleaseCarryOverAsync(connection, deal.ExternalId, claimant, ex.Message, keepLease: false, CancellationToken.None);
            throw;
        }
        catch (CrmException ex)
        {
            // Refused outright (validation of a follow-up, rate limit): nothing reached the CRM, so the next run may go at once.
            // Otherwise the write may have landed; the claim stays until the CRM's search is sure to show it.
            var sent = ex is not (CrmValidationException or CrmRateLimitedException);
            await csStore.ReleaseCarryOverAsync(connection, deal.ExternalId, claimant, ex.Message, keepLease: sent, CancellationToken.None);
            LogFailed(connection, deal.ExternalId, ex.Message);
            return item with { Outcome = CsCarryOverOutcome.Failed, CopyId = copyId, Message = ex.Message };
        }
        catch (OperationCanceledException)
        {
            await csStore.ReleaseCarryOverAsync(connection, deal.ExternalId, claimant, "cancelled", keepLease: true, CancellationToken.None);
            throw;
        }
    }

    private static CarryOverIntent Intent(CsConnectionSetup setup, Deal deal, string firstStage)
    {
        var ownerId = deal.OwnerId is { } owner && setup.ConnectionOptions.OwnerMap.TryGetValue(owner, out var manager)
            ? manager
            : setup.ConnectionOptions.DefaultManager ?? deal.OwnerId;
        return new CarryOverIntent(
            setup.Connection.Name,
            deal.ExternalId,
            deal.Name,
            CsMarkers.CarryOver(setup.Connection.Name, deal.ExternalId),
            SignedAt(deal),
            CadenceOf(setup, deal),
            MonthlyBillingOf(setup.Options, deal),
            ownerId,
            firstStage);
    }

    private static NewDeal NewCopy(CsConnectionSetup setup, Deal deal, CarryOverIntent intent)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in setup.Options.CopyFields.Where(f => !string.IsNullOrWhiteSpace(f)))
        {
            if (deal.Fields.GetValueOrDefault(field) is { } value && field != CanonicalFields.DealMarker)
            {
                fields[field] = value;
            }
        }

        if (setup.Options.LinkField is { } linkField)
        {
            fields[linkField] = deal.ExternalId;
        }

        return new NewDeal
        {
            Name = deal.Name,
            PipelineId = setup.PipelineId,
            StageId = intent.StageId,
            Amount = deal.Amount,
            Currency = deal.Currency,
            OwnerId = intent.OwnerId,
            CompanyId = deal.CompanyId,
            ContactIds = deal.ContactIds,
            Fields = fields,
            Marker = intent.Marker,
        };
    }

    private static DateTimeOffset SignedAt(Deal deal) => deal.ClosedAt ?? deal.StageEnteredAt ?? deal.UpdatedAt;

    private static CsCadence CadenceOf(CsConnectionSetup setup, Deal deal)
    {
        if (setup.Options.CadenceField is { } field && deal.Fields.GetValueOrDefault(field) is { Length: > 0 } value)
        {
            if (setup.Options.CadenceValues.TryGetValue(value.Trim(), out var mapped))
            {
                return mapped;
            }

            if (Enum.TryParse<CsCadence>(value.Trim(), ignoreCase: true, out var named) && Enum.IsDefined(named))
            {
                return named;
            }
        }

        return setup.ConnectionOptions.Cadence ?? setup.Options.Cadence;
    }

    private static bool MonthlyBillingOf(ClientSuccessOptions options, Deal deal) =>
        options.BillingField is { } field && deal.Fields.GetValueOrDefault(field) is { } value
            ? string.Equals(value.Trim(), options.MonthlyBillingValue, StringComparison.OrdinalIgnoreCase)
            : options.MonthlyBilling;

    private static string LinkNoteBody(CsConnectionSetup setup, Deal deal)
    {
        var url = setup.Connection.DealUrlTemplate?.Replace("{id}", Uri.EscapeDataString(deal.ExternalId), StringComparison.Ordinal);
        var signed = SignedAt(deal).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"Carried over by CrmBridge from won deal \"{deal.Name}\" (id {deal.ExternalId}, pipeline {deal.PipelineId}), signed {signed}."
            + (url is null ? "" : $" Original: {url}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Connection}: won deal {DealId} carried over as {CopyId} ({Outcome})")]
    private partial void LogCarried(string connection, string dealId, string copyId, CsCarryOverOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Connection}: the CRM rejected the copy of won deal {DealId}: {Error}")]
    private partial void LogRejected(string connection, string dealId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Connection}: carry-over of won deal {DealId} failed and will be retried: {Error}")]
    private partial void LogFailed(string connection, string dealId, string error);
}
