using CrmBridge.Core.Funnel;
using CrmBridge.Worker.Cli;
using Spectre.Console;
using static CrmBridge.Worker.Output.FunnelFormat;

namespace CrmBridge.Worker.Output;

/// <summary>Prints funnel reports as tables: the funnel, cohorts, outcomes per owner, losses and reactivation candidates.</summary>
internal static class FunnelTable
{
    public static void Write(CliContext context, IReadOnlyList<FunnelReport> reports)
    {
        foreach (var report in reports)
        {
            if (report.Pipelines.Count == 0)
            {
                context.Console.MarkupLine($"[grey]{E(report.Connection)}: no pipelines to report.[/]");
            }

            foreach (var pipeline in report.Pipelines)
            {
                WriteFunnel(context, report, pipeline);
                WriteCohorts(context, pipeline);
                WriteOwners(context, report, pipeline);
                WriteLosses(context, report, pipeline);
                WriteReactivation(context, report, pipeline);
            }
        }
    }

    /// <summary>The stage table and the outcome line only (the demo's view).</summary>
    public static void WriteFunnel(CliContext context, FunnelReport report, PipelineFunnel pipeline)
    {
        var table = new Table()
            .Title($"{E(report.Connection)}: funnel of {E(pipeline.Name)} ({E(Period(report))})")
            .AddColumns("#", "Stage", "Reached", "Skipped", "Now in", "Conv. to next", "Hint", "Median d", "P90 d");
        foreach (var i in new[] { 2, 3, 4, 5, 7, 8 })
        {
            table.Columns[i].RightAligned();
        }

        var number = 0;
        foreach (var stage in pipeline.Overall.Stages)
        {
            table.AddRow(
                (++number).ToString(System.Globalization.CultureInfo.InvariantCulture),
                E(stage.Name),
                Count(stage.Reached),
                stage.Outcome == Core.Model.StageOutcome.Won ? "" : Count(stage.Skipped),
                stage.Outcome == Core.Model.StageOutcome.Won ? "" : Count(stage.InStageNow),
                Percent(stage.ConversionToNext),
                stage.Hint switch { FunnelHint.Merge => "[yellow]merge[/]", FunnelHint.Split => "[red]split[/]", _ => "" },
                Days(stage.TimeInStage?.MedianDays),
                Days(stage.TimeInStage?.P90Days));
        }

        context.Console.Write(table);
        context.Console.MarkupLine(E(Summary(pipeline.Overall.Outcome)));
        context.Console.MarkupLine("[grey]Reached: deals that passed through the stage, skipped ones included; Skipped: of those, never seen in it; merge: conversion at or above CrmBridge:Funnel:MergeAtPercent, split: below SplitBelowPercent; days: time spent in the stage by deals that left it.[/]");
    }

    private static void WriteCohorts(CliContext context, PipelineFunnel pipeline)
    {
        if (pipeline.Cohorts.Count == 0)
        {
            return;
        }

        var table = new Table().Title($"{E(pipeline.Name)}: reached (conversion to next) per cohort").AddColumn("Stage");
        foreach (var cohort in pipeline.Cohorts)
        {
            table.AddColumn(new TableColumn(E(cohort.Cohort)).RightAligned());
        }

        for (var row = 0; row < pipeline.Overall.Stages.Count; row++)
        {
            var cells = new List<string> { E(pipeline.Overall.Stages[row].Name) };
            foreach (var cohort in pipeline.Cohorts)
            {
                var stage = cohort.Figures.Stages[row];
                var mark = stage.Hint switch { FunnelHint.Merge => " [yellow]M[/]", FunnelHint.Split => " [red]S[/]", _ => "" };
                cells.Add(stage.ConversionToNext is null ? Count(stage.Reached) : $"{Count(stage.Reached)} ({Percent(stage.ConversionToNext)}){mark}");
            }

            table.AddRow([.. cells]);
        }

        table.AddRow([.. new[] { "Win rate" }.Concat(pipeline.Cohorts.Select(c => c.Figures.Outcome.WinRate is null ? "" : Percent(c.Figures.Outcome.WinRate)))]);
        context.Console.Write(table);
        context.Console.MarkupLine("[grey]M: merge with next, S: split (hint thresholds under CrmBridge:Funnel).[/]");
    }

    private static void WriteOwners(CliContext context, FunnelReport report, PipelineFunnel pipeline)
    {
        var table = new Table().Title($"{E(report.Connection)}: {E(pipeline.Name)} per owner")
            .AddColumns("Owner", "Deals", "Open", "Won", "Lost", "Win rate", "Average won deal", "Median cycle days");
        foreach (var owner in pipeline.Owners)
        {
            var o = owner.Outcome;
            table.AddRow(E(owner.Name), Count(o.Deals), Count(o.Open), Count(o.Won), Count(o.Lost), Percent(o.WinRate), E(Money(o.AverageDealSize)), Days(o.SalesCycle?.MedianDays));
        }

        context.Console.Write(table);
    }

    private static void WriteLosses(CliContext context, FunnelReport report, PipelineFunnel pipeline)
    {
        var lost = pipeline.Overall.Lost;
        if (lost.Deals == 0)
        {
            return;
        }

        var reasons = new Table().Title($"{E(report.Connection)}: {E(pipeline.Name)} lost deals per reason").AddColumns("Reason", "Deals", "Share");
        foreach (var reason in lost.ByReason)
        {
            reasons.AddRow(reason.Listed ? E(Reason(reason)) : $"[yellow]{E(Reason(reason))}[/]", Count(reason.Deals), Percent(reason.Share));
        }

        context.Console.Write(reasons);
        var stages = new Table().Title($"{E(report.Connection)}: {E(pipeline.Name)} lost deals per stage lost from").AddColumns("Stage", "Deals", "Share");
        foreach (var stage in lost.ByStage)
        {
            stages.AddRow(E(stage.Name), Count(stage.Deals), Percent(stage.Share));
        }

        context.Console.Write(stages);
    }

    private static void WriteReactivation(CliContext context, FunnelReport report, PipelineFunnel pipeline)
    {
        if (pipeline.Reactivation.Count == 0)
        {
            return;
        }

        var table = new Table().Title($"{E(report.Connection)}: {E(pipeline.Name)} reactivation candidates per owner").AddColumns("Owner", "Deal", "Lost reason", "Lost on", "Why");
        foreach (var group in pipeline.Reactivation.GroupBy(r => r.OwnerName))
        {
            var first = true;
            foreach (var candidate in group)
            {
                table.AddRow(first ? $"{E(group.Key)} ({group.Count()})" : "", E(candidate.DealName), E(candidate.LostReason), Date(candidate.LostAt), Why(candidate.Why));
                first = false;
            }
        }

        context.Console.Write(table);
    }

    private static string E(string value) => TerminalText.Escape(value);
}
