using CrmBridge.Core.Cemetery;

namespace CrmBridge.Alerts.Tests.Cemetery;

/// <summary>Digests with <c>count</c> stale deals named <c>Deal 001</c>, <c>Deal 002</c>, ... for channel tests.</summary>
internal static class SampleDigest
{
    public static CemeteryDigest Owner(int count = 2, string? email = "ivan@example.com", string? chat = null) => new(
        CemeteryDigestKind.Owner,
        "main",
        new CemeteryRecipient("owner:u1", "Ivan Petrov", email, chat, "u1"),
        AlertsTestHost.Now,
        [.. Enumerable.Range(1, count).Select(i => Item(i, "u1", "Ivan Petrov"))],
        1,
        []);

    public static CemeteryDigest Manager() => new(
        CemeteryDigestKind.Manager,
        "main",
        new CemeteryRecipient("manager:anna", "Anna Volkova", "anna@example.com", null, null),
        AlertsTestHost.Now,
        [Item(1, "u1", "Ivan Petrov"), Item(2, "u2", "Olga <Smirnova>")],
        0,
        [new CemeteryTeamLine("u1", "Ivan Petrov", 3, 1, 60), new CemeteryTeamLine("u2", "Olga <Smirnova>", 1, 1, 31)]);

    private static CemeteryDigestItem Item(int i, string ownerId, string owner)
    {
        var deal = new StaleDeal(
            "main", i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), $"Deal {i:D3} & Co", "sales", "Sales", PipelineRole.Sales, "demo", "Demo run",
            ownerId, owner, null, 1_500_000m, "RUB", AlertsTestHost.Now.AddDays(-31 - i), 31 + i, 30,
            i % 2 == 0 ? StaleReasons.NoActivity | StaleReasons.NoNextActivity : StaleReasons.NoActivity, null, $"https://crm.example/deals/{i:D3}");
        return new CemeteryDigestItem(deal, CemeteryAlertCause.New, AlertsTestHost.Now, 1);
    }
}
