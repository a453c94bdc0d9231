using CrmBridge.Core.Cemetery;
using static CrmBridge.Core.Tests.Cemetery.CemeteryTestData;

namespace CrmBridge.Core.Tests.Cemetery;

public sealed class CemeteryDigestBuilderTests
{
    [Fact]
    public void Build_OneMessagePerOwner_ListsTheirDealsMostIdleFirst()
    {
        var scan = Scan([Deal("1", 31).Build(), Deal("2", 90).Build(), Deal("3", 45, owner: "u2").Build(), Deal("4", 3).Build()]);
        var plan = CemeteryEpisodePlanner.Plan(scan, [], TimeSpan.FromDays(7));

        var digests = CemeteryDigestBuilder.Build(scan, plan, new CemeteryOptions());

        Assert.Equal(2, digests.Count);
        var ivan = digests[0];
        Assert.Equal(CemeteryDigestKind.Owner, ivan.Kind);
        Assert.Equal("Ivan Petrov", ivan.Recipient.Name);
        Assert.Equal("ivan@example.com", ivan.Recipient.Email);
        Assert.Equal(["2", "1"], ivan.Items.Select(i => i.Deal.DealId));
        Assert.Equal("Olga Smirnova", digests[1].Recipient.Name);
        var text = CemeteryDigestText.Render(ivan);
        Assert.Contains("Deal 2 — New · idle 90 days (threshold 30) · new", text);
        Assert.Contains("https://crm.example/deals/2", text);
    }

    [Fact]
    public void Build_ManagerMapping_RollsUpTheTeamByOwnerIdOrEmail()
    {
        var options = new CemeteryOptions();
        options.Managers["anna"] = new CemeteryPersonOptions { Name = "Anna Volkova", Email = "anna@example.com", TelegramChatId = "42" };
        options.Owners["u1"] = new CemeteryPersonOptions { Manager = "anna", TelegramChatId = "7" };
        options.Owners["olga@example.com"] = new CemeteryPersonOptions { Manager = "anna" };
        var scan = Scan([Deal("1", 31).Build(), Deal("3", 45, owner: "u2").Build()]);

        var digests = CemeteryDigestBuilder.Build(scan, CemeteryEpisodePlanner.Plan(scan, [], TimeSpan.FromDays(7)), options);

        Assert.Equal("7", digests.Single(d => d.Recipient.OwnerId == "u1").Recipient.TelegramChatId);
        var manager = Assert.Single(digests, d => d.Kind == CemeteryDigestKind.Manager);
        Assert.Equal("manager:anna", manager.Recipient.Key);
        Assert.Equal("Anna Volkova", manager.Recipient.Name);
        Assert.Equal(["Ivan Petrov", "Olga Smirnova"], manager.Team.Select(t => t.OwnerName));
        Assert.Equal(2, manager.Items.Count);
        Assert.Contains("Ivan Petrov: 1 stale, 1 in this digest", CemeteryDigestText.Render(manager));
    }

    [Fact]
    public void Build_OnlyQuietDeals_SendsNothingButCountsThemInTheNextDigest()
    {
        var options = new CemeteryOptions { DefaultManager = "boss" };
        options.Managers["boss"] = new CemeteryPersonOptions();
        var first = Scan([Deal("1", 31).Build()]);
        var episodes = CemeteryEpisodePlanner.Plan(first, [], TimeSpan.FromDays(7)).Due.Select(d => d.Episode).ToList();

        var quiet = Scan([Deal("1", 31).Build()]);
        Assert.Empty(CemeteryDigestBuilder.Build(quiet, CemeteryEpisodePlanner.Plan(quiet, episodes, TimeSpan.FromDays(7)), options));

        var withNew = Scan([Deal("1", 31).Build(), Deal("2", 40).Build()]);
        var digests = CemeteryDigestBuilder.Build(withNew, CemeteryEpisodePlanner.Plan(withNew, episodes, TimeSpan.FromDays(7)), options);
        Assert.Equal(1, digests[0].StillStaleEarlier);
        Assert.Equal(["2"], digests[0].Items.Select(i => i.Deal.DealId));
        Assert.Contains("1 stale deal reported earlier is still stale.", CemeteryDigestText.Render(digests[0]));
        Assert.Equal(2, digests.Single(d => d.Kind == CemeteryDigestKind.Manager).Team.Single().StaleDeals);
    }

    [Fact]
    public void Fingerprint_SameAlertsDecidedTwice_IsEqual()
    {
        var scan = Scan([Deal("1", 31).Build()]);
        var plan = CemeteryEpisodePlanner.Plan(scan, [], TimeSpan.FromDays(7));

        var first = CemeteryDigestBuilder.Build(scan, plan, new CemeteryOptions())[0].Fingerprint();
        var second = CemeteryDigestBuilder.Build(scan, plan, new CemeteryOptions())[0].Fingerprint();

        Assert.Equal(first, second);
    }
}
