using CrmBridge.Core.Funnel;
using CrmBridge.Core.Model;
using static CrmBridge.Core.Tests.Funnel.FunnelTestPipeline;

namespace CrmBridge.Core.Tests.Funnel;

public sealed class FunnelOutcomeTests
{
    [Fact]
    public void Compute_WonAndLostDeals_GiveWinRateAverageSizePerCurrencyAndCycle()
    {
        var deals = new[]
        {
            Won("a", 100m, "RUB", days: 10, owner: "o1"), Won("b", 300m, "rub", days: 20, owner: "o1"),
            Won("c", 50m, "USD", days: 40, owner: "o2"), Won("d", null, "RUB", days: 30, owner: "o2"),
            Deal("e", "lost", DealStatus.Lost, owner: "o1"), Deal("f", "s1", owner: "o2"), Deal("g", "s1"),
        };
        var owners = new Dictionary<string, string> { ["o1"] = "Irina", ["o2"] = "Boris" };

        var funnel = FunnelCalculator.Compute(Sales, deals, [], new FunnelOptions(), Now, ownerNames: owners);

        var outcome = funnel.Overall.Outcome;
        Assert.Equal((7L, 2L, 4L, 1L), (outcome.Deals, outcome.Open, outcome.Won, outcome.Lost));
        Assert.Equal(0.8, outcome.WinRate);
        Assert.Equal([("RUB", 200m, 2L), ("USD", 50m, 1L)], outcome.AverageDealSize.Select(m => (m.Currency, m.Average, m.Deals)));
        Assert.Equal(25, outcome.SalesCycle!.MedianDays, 6);
        Assert.Equal(25, outcome.SalesCycle.AverageDays, 6);

        Assert.Equal(["Boris", "Irina", FunnelCalculator.NoOwner], funnel.Owners.Select(o => o.Name));
        var irina = funnel.Owners[1].Outcome;
        Assert.Equal((2L, 1L, 2 / 3.0), (irina.Won, irina.Lost, irina.WinRate!.Value));
        Assert.Equal(15, irina.SalesCycle!.MedianDays, 6);
        Assert.Null(funnel.Owners[2].Outcome.WinRate);
    }

    private static Deal Won(string id, decimal? amount, string currency, int days, string owner) =>
        Deal(id, "won", DealStatus.Won, T0, owner) with { Amount = amount, Currency = currency, ClosedAt = T0.AddDays(days) };
}
