using System.CommandLine;
using System.Globalization;
using CrmBridge.Core.Funnel;
using CrmBridge.Core.Storage;
using CrmBridge.Worker.Output;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmBridge.Worker.Cli;

/// <summary>
/// <c>crmbridge funnel [--connection NAME] [--pipeline NAME] [--from DATE --to DATE] [--cohort month|FIELD] [--format table|json|csv]</c>:
/// stage conversion with merge/split hints, cohorts, outcomes per owner, lost reasons and reactivation candidates, from the store.
/// </summary>
internal static class FunnelCommand
{
    public static Command Create(CliContext context)
    {
        var selection = new SelectionOptions();
        var format = CliOptions.Format(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var command = new Command("funnel", "Funnel analytics from the local store: conversion between stages, merge/split hints, cohorts, win rate, lost reasons.");
        selection.AddTo(command);
        command.Options.Add(format);
        command.SetAction((parse, ct) => CliHost.RunAsync(
            context,
            parse.GetValue(CliOptions.Config),
            async (services, token) =>
            {
                var reports = await LoadAsync(context, services, selection.Read(parse), token);
                if (reports is null)
                {
                    return ExitCodes.Error;
                }

                switch (parse.GetValue(format))
                {
                    case OutputFormat.Json:
                        FunnelExport.WriteJson(context.Out, reports);
                        break;
                    case OutputFormat.Csv:
                        FunnelExport.WriteCsv(context.Out, reports);
                        break;
                    default:
                        FunnelTable.Write(context, reports);
                        break;
                }

                return ExitCodes.Success;
            },
            ct));
        return command;
    }

    /// <summary>Builds one report per chosen connection; null after printing why when the selection does not fit the store.</summary>
    internal static async Task<IReadOnlyList<FunnelReport>?> LoadAsync(CliContext context, IServiceProvider services, Selection selection, CancellationToken cancellationToken)
    {
        if (selection.Error is { } error)
        {
            CliHost.Fail(context, error);
            return null;
        }

        var funnel = services.GetRequiredService<FunnelService>();
        var cohortText = selection.Cohort ?? services.GetRequiredService<IOptions<FunnelOptions>>().Value.Cohort;
        FunnelCohort? cohort = null;
        if (!string.IsNullOrWhiteSpace(cohortText) && !FunnelCohort.TryParse(cohortText, out cohort, out var cohortError))
        {
            CliHost.Fail(context, $"--cohort {cohortError}");
            return null;
        }

        var connections = selection.Connection is { } only ? [only] : await funnel.ListConnectionsAsync(cancellationToken);
        if (connections.Count == 0)
        {
            CliHost.Fail(context, "No connections are configured and the store holds no deals: add one under CrmBridge:Connections and run `crmbridge sync`, or try `crmbridge demo`.");
            return null;
        }

        var store = services.GetRequiredService<ICrmStore>();
        var reports = new List<FunnelReport>();
        foreach (var connection in connections)
        {
            var report = await funnel.BuildAsync(new FunnelRequest(connection, selection.Pipeline, selection.From, selection.To, cohort), cancellationToken);
            if (selection.Connection is not null && (await store.GetPipelinesAsync(connection, cancellationToken)).Count == 0)
            {
                CliHost.Fail(context, $"--connection {connection}: the store holds no pipelines of it; run `crmbridge sync --connection {connection}` first.");
                return null;
            }

            reports.Add(report);
        }

        if (selection.Pipeline is not null && reports.All(r => r.Pipelines.Count == 0))
        {
            var known = new List<string>();
            foreach (var connection in connections)
            {
                known.AddRange((await store.GetPipelinesAsync(connection, cancellationToken)).Select(p => $"{p.Name} ({connection})"));
            }

            CliHost.Fail(context, $"--pipeline {selection.Pipeline}: no such pipeline. Known: {(known.Count == 0 ? "none" : string.Join(", ", known))}.");
            return null;
        }

        return reports;
    }

    /// <summary>What a funnel or report covers, as given on the command line.</summary>
    /// <param name="To">Exclusive: the day after the <c>--to</c> date.</param>
    internal sealed record Selection(string? Connection, string? Pipeline, DateTimeOffset? From, DateTimeOffset? To, string? Cohort, string? Error = null);

    /// <summary>The options <c>funnel</c> and <c>report</c> share.</summary>
    internal sealed class SelectionOptions
    {
        private readonly Option<string?> _connection = CliOptions.Connection();
        private readonly Option<string?> _pipeline = new("--pipeline") { Description = "Only this pipeline (name or id); default: the connection's sales pipelines." };
        private readonly Option<string?> _from = new("--from") { Description = "Only deals created on or after this day (yyyy-MM-dd, UTC)." };
        private readonly Option<string?> _to = new("--to") { Description = "Only deals created on or before this day (yyyy-MM-dd, UTC)." };
        private readonly Option<string?> _cohort = new("--cohort") { Description = "Also per cohort: month (of creation), or a field such as deal.sprint or company.industry." };

        public void AddTo(Command command, bool cohort = true)
        {
            command.Options.Add(_connection);
            command.Options.Add(_pipeline);
            command.Options.Add(_from);
            command.Options.Add(_to);
            if (cohort)
            {
                command.Options.Add(_cohort);
            }
        }

        public Selection Read(ParseResult parse)
        {
            string? error = null;
            var from = Day(parse.GetValue(_from), "--from", ref error);
            var to = Day(parse.GetValue(_to), "--to", ref error);
            if (from is not null && to is not null && to < from)
            {
                error ??= $"--to {parse.GetValue(_to)} is before --from {parse.GetValue(_from)}.";
            }

            return new Selection(parse.GetValue(_connection), parse.GetValue(_pipeline), from, to?.AddDays(1), parse.GetValue(_cohort), error);
        }

        private static DateTimeOffset? Day(string? text, string option, ref string? error)
        {
            if (text is null)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }

            error ??= $"{option} {text}: use a date like 2026-03-31.";
            return null;
        }
    }
}
