using CrmBridge.Core.Adapters;
using CrmBridge.Core.Hygiene.Fixes;
using CrmBridge.Core.Hygiene.Sweep;
using Microsoft.Extensions.Options;

namespace CrmBridge.Core.Hygiene;

/// <summary>
/// What the CLI and the scheduled job both run: a sweep, then, as asked or configured, the fixes (dry run or applied)
/// and owner tasks for what cannot be fixed.
/// </summary>
public sealed class HygieneEngine(
    HygieneSweeper sweeper, HygieneFixer fixer, HygieneTaskCreator tasks, CrmAdapterResolver adapters, IOptions<HygieneOptions> options)
{
    /// <summary>The enabled connections hygiene sweeps, from those given.</summary>
    public IReadOnlyList<string> SweptConnections(IEnumerable<string> connections) =>
        [.. connections.Where(c => options.Value.Connections.GetValueOrDefault(c)?.Enabled != false)];

    public async Task<HygieneRunResult> RunAsync(string connection, HygieneRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var mode = request.FixMode ?? settings.Connections.GetValueOrDefault(connection)?.FixMode ?? settings.FixMode;
        var createTasks = request.CreateTasks ?? settings.Tasks.Enabled;
        var sweep = await sweeper.SweepAsync(connection, cancellationToken);

        // Fixes and tasks share one adapter, so the CRM's pipelines and fields are read once for all their writes.
        using var run = adapters.BeginRun();

        IReadOnlyList<HygieneDealFix> fixes = [];
        if (mode != HygieneFixMode.Off)
        {
            var plan = await fixer.PlanAsync(connection, cancellationToken);
            fixes = await fixer.ApplyAsync(plan, request.Actor, dryRun: mode == HygieneFixMode.DryRun, cancellationToken);
        }

        IReadOnlyList<HygieneTaskResult> created = [];
        if (createTasks)
        {
            created = await tasks.CreateAsync(connection, request.Actor, dryRun: mode == HygieneFixMode.DryRun, fixable: mode != HygieneFixMode.Off, cancellationToken);
        }

        return new HygieneRunResult(sweep, mode, fixes, createTasks, created);
    }
}
