using System.Text.Json.Nodes;
using CrmBridge.Core.Cemetery;

namespace CrmBridge.Alerts.Cemetery;

/// <summary>A digest as one JSON document for the generic webhook (documented in docs/cemetery.md).</summary>
internal static class WebhookDigestFormat
{
    public const string EventType = "crmbridge.cemetery.digest";

    public static string Render(CemeteryDigest digest)
    {
        var deals = new JsonArray();
        foreach (var item in digest.Items)
        {
            var d = item.Deal;
            deals.Add(new JsonObject
            {
                ["id"] = d.DealId,
                ["name"] = d.Name,
                ["pipelineId"] = d.PipelineId,
                ["pipeline"] = d.PipelineName,
                ["stageId"] = d.StageId,
                ["stage"] = d.StageName,
                ["ownerId"] = d.OwnerId,
                ["owner"] = d.OwnerName,
                ["amount"] = d.Amount,
                ["currency"] = d.Currency,
                ["lastTouchedAt"] = d.LastTouchedAt.ToUniversalTime(),
                ["idleDays"] = d.WholeIdleDays,
                ["thresholdDays"] = d.ThresholdDays,
                ["reasons"] = new JsonArray([.. Reasons(d.Reasons).Select(r => (JsonNode)r)]),
                ["cause"] = item.Cause.ToString(),
                ["episodeStartedAt"] = item.EpisodeStartedAt.ToUniversalTime(),
                ["url"] = d.Url,
            });
        }

        var team = new JsonArray();
        foreach (var line in digest.Team)
        {
            team.Add(new JsonObject
            {
                ["ownerId"] = line.OwnerId,
                ["owner"] = line.OwnerName,
                ["staleDeals"] = line.StaleDeals,
                ["alertedNow"] = line.AlertedNow,
                ["oldestIdleDays"] = line.OldestIdleDays,
            });
        }

        return new JsonObject
        {
            ["type"] = EventType,
            ["kind"] = digest.Kind.ToString(),
            ["connection"] = digest.Connection,
            ["generatedAt"] = digest.GeneratedAt.ToUniversalTime(),
            ["recipient"] = new JsonObject
            {
                ["key"] = digest.Recipient.Key,
                ["name"] = digest.Recipient.Name,
                ["email"] = digest.Recipient.Email,
            },
            ["subject"] = CemeteryDigestText.Subject(digest),
            ["deals"] = deals,
            ["team"] = team,
            ["stillStaleEarlier"] = digest.StillStaleEarlier,
        }.ToJsonString();
    }

    private static IEnumerable<string> Reasons(StaleReasons reasons)
    {
        if (reasons.HasFlag(StaleReasons.NoActivity))
        {
            yield return "noActivity";
        }

        if (reasons.HasFlag(StaleReasons.NoNextActivity))
        {
            yield return "noNextActivity";
        }
    }
}
