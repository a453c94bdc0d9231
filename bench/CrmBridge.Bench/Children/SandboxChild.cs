using CrmBridge.Bench.Runs;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Dataset;
using CrmBridge.Sandbox.Faults;

namespace CrmBridge.Bench.Children;

/// <summary>
/// <c>serve --deals N [--limits]</c>: the sandbox in a process of its own, so the sync process's memory is its own.
/// Reads commands from standard input: <c>change KIND COUNT</c> renames that many deals (as users would); <c>reset KIND</c>
/// clears that CRM's request log; <c>requests KIND</c> answers its requests by endpoint; <c>required KIND COUNT related|deals</c>
/// answers the further lists a sync must read (COUNT 0: a full sync of every deal; else an incremental one after COUNT
/// changed, optionally followed by how many deals its window held); <c>quit</c>.
/// </summary>
internal static class SandboxChild
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var faults = args.Flag("limits") ? new SandboxFaultOptions { RateLimits = DocumentedLimits.All } : null;
        await using var sandbox = CrmSandbox.Start(new SandboxOptions { DealCount = args.Int("deals", 1000), Faults = faults });
        var deals = sandbox.Dataset.Deals;
        ChildProtocol.Write(ChildProtocol.Ready, new SandboxReady(
            [.. sandbox.Crms.Select(c => BenchConnection.From(c.CreateConnectionOptions()))],
            deals.Count,
            deals.Select(d => d.CompanyKey).OfType<string>().Distinct(StringComparer.Ordinal).Count(),
            deals.SelectMany(d => d.ContactKeys).Distinct(StringComparer.Ordinal).Count()));

        while (await Console.In.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["change", var kind, var count])
            {
                var crm = Crm(sandbox, kind);
                foreach (var deal in deals.Take(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)))
                {
                    crm.RenameDeal(crm.GetDealId(deal.Key), deal.Name + " (changed)");
                }

                Console.Out.WriteLine("OK");
                Console.Out.Flush();
            }
            else if (parts is ["reset", var resetKind])
            {
                Crm(sandbox, resetKind).ResetRequestLog();
                Console.Out.WriteLine("OK");
                Console.Out.Flush();
            }
            else if (parts is ["requests", var requestsKind])
            {
                ChildProtocol.Write(ChildProtocol.Requests, EndpointCounts.Of(Crm(sandbox, requestsKind).Requests));
                Console.Out.WriteLine("OK");
                Console.Out.Flush();
            }
            else if (parts is ["required", var requiredKind, var changed, var scope, .. var fetched])
            {
                var changedCount = int.Parse(changed, System.Globalization.CultureInfo.InvariantCulture);
                var subject = changedCount == 0 ? deals : Window(deals, changedCount, fetched is [var f] ? int.Parse(f, System.Globalization.CultureInfo.InvariantCulture) : changedCount);
                var crm = Crm(sandbox, requiredKind);
                ChildProtocol.Write(ChildProtocol.Required, new RequiredAnswer(
                    [.. RequiredReads.For(crm.Kind, subject, incremental: changedCount > 0, related: scope == "related", crm.CreateConnectionOptions().FieldMap)],
                    subject.Select(d => d.CompanyKey).OfType<string>().Distinct(StringComparer.Ordinal).Count(),
                    subject.SelectMany(d => d.ContactKeys).Distinct(StringComparer.Ordinal).Count()));
                Console.Out.WriteLine("OK");
                Console.Out.Flush();
            }
            else if (parts is ["quit"])
            {
                break;
            }
        }

        return 0;
    }

    private static ISandboxCrm Crm(CrmSandbox sandbox, string kind) => sandbox.Crms.Single(c => c.Kind == Enum.Parse<CrmKind>(kind));

    /// <summary>
    /// The deals an incremental window holds: the changed ones, and, by design, those changed shortly before the previous
    /// run started (the overlap that catches late-visible changes), which are the most recently updated of the rest.
    /// </summary>
    private static List<SandboxDeal> Window(IReadOnlyList<SandboxDeal> deals, int changed, int fetched) =>
        [.. deals.Take(changed), .. deals.Skip(changed).OrderByDescending(d => d.UpdatedAt).Take(Math.Max(0, fetched - changed))];
}
