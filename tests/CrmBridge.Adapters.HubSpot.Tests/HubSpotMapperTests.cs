using System.Text.Json;
using CrmBridge.Adapters.HubSpot.Mapping;
using CrmBridge.Adapters.HubSpot.Models;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.HubSpot.Tests;

public sealed class HubSpotMapperTests
{
    private static readonly Dictionary<string, string> FieldMap = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deal.source"] = "lead_source",
        ["deal.crmbridge_marker"] = "x_bridge_key",
    };

    private readonly HubSpotMapper _mapper = new("main", FieldMap);

    [Fact]
    public void ToPropertiesThenMapDeal_EveryMember_RoundTrips()
    {
        var deal = new Deal
        {
            Connection = "main",
            ExternalId = "123",
            Name = "Acme renewal",
            PipelineId = "default",
            StageId = "closedlost",
            Amount = 1234.56m,
            Currency = "EUR",
            OwnerId = "41",
            CompanyId = "501",
            ContactIds = ["901", "902"],
            CreatedAt = new DateTimeOffset(2026, 1, 1, 10, 0, 0, 123, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2026, 3, 1, 10, 15, 0, TimeSpan.Zero),
            StageEnteredAt = new DateTimeOffset(2026, 2, 20, 8, 0, 0, TimeSpan.Zero),
            LastActivityAt = new DateTimeOffset(2026, 2, 28, 12, 0, 0, TimeSpan.Zero),
            NextActivityAt = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.Zero),
            Status = DealStatus.Lost,
            ClosedAt = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
            LostReason = "Budget cut",
            Fields = new Dictionary<string, string?> { ["deal.source"] = "web", ["deal.crmbridge_marker"] = "cs-1" },
        };

        var properties = _mapper.ToProperties(deal);
        var wire = new HubSpotObject { Id = deal.ExternalId, Properties = properties };
        var links = new HubSpotDealLinks(deal.CompanyId, deal.ContactIds);
        var back = _mapper.MapDeal(wire, links, (pipeline, stage) => stage == "closedlost" ? StageOutcome.Lost : StageOutcome.Open).Deal;

        Assert.Equal("lead_source", properties.Keys.Single(k => properties[k] == "web"));
        Assert.Equal("cs-1", properties["x_bridge_key"]);
        Assert.Equal("1234.56", properties["amount"]);
        Assert.Equal("2026-01-01T10:00:00.123Z", properties["createdate"]);
        Assert.NotNull(back);
        Assert.Equal(JsonSerializer.Serialize(deal), JsonSerializer.Serialize(back));
    }

    [Theory]
    [InlineData("2026-03-01T10:15:00.000Z", "2026-03-01T10:15:00+00:00")]
    [InlineData("2026-03-01T10:15:00Z", "2026-03-01T10:15:00+00:00")]
    [InlineData("1772360100000", "2026-03-01T10:15:00+00:00")]
    [InlineData("2026-03-01", "2026-03-01T00:00:00+00:00")]
    public void MapDeal_CloseDateFormats_ParseAsUtc(string wire, string expected)
    {
        var result = _mapper.MapDeal(Deal(("closedate", wire)), HubSpotDealLinks.None, (_, _) => null);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Deal!.ClosedAt);
        Assert.Equal(TimeSpan.Zero, result.Deal.ClosedAt!.Value.Offset);
    }

    [Theory]
    [InlineData("amount", "1,5 k", "amount")]
    [InlineData("dealstage", null, "dealstage")]
    [InlineData("pipeline", "", "pipeline")]
    [InlineData("closedate", "next tuesday", "closedate")]
    public void MapDeal_UnmappableValue_IsSkippedWithAReason(string property, string? value, string reasonMentions)
    {
        var result = _mapper.MapDeal(Deal((property, value)), HubSpotDealLinks.None, (_, _) => null);

        Assert.Null(result.Deal);
        Assert.Contains(reasonMentions, result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void MapDeal_StageUnknownToThePipelines_IsOpen()
    {
        var result = _mapper.MapDeal(Deal(), HubSpotDealLinks.None, (_, _) => null);

        Assert.Equal(DealStatus.Open, result.Deal!.Status);
    }

    [Fact]
    public void StageOutcomeOf_ClosedWithProbabilityOne_IsWonAndZero_IsLost()
    {
        static HubSpotPipelineStage Stage(string closed, string probability) => new()
        {
            Id = "s",
            Metadata = new Dictionary<string, JsonElement>
            {
                ["isClosed"] = JsonSerializer.SerializeToElement(closed),
                ["probability"] = JsonSerializer.SerializeToElement(probability),
            },
        };

        Assert.Equal(StageOutcome.Won, HubSpotMapper.StageOutcomeOf(Stage("true", "1.0")));
        Assert.Equal(StageOutcome.Lost, HubSpotMapper.StageOutcomeOf(Stage("true", "0.0")));
        Assert.Equal(StageOutcome.Open, HubSpotMapper.StageOutcomeOf(Stage("false", "1.0")));
    }

    private static HubSpotObject Deal(params (string Name, string? Value)[] overrides)
    {
        var properties = new Dictionary<string, string?>
        {
            ["dealname"] = "x",
            ["pipeline"] = "default",
            ["dealstage"] = "qualified",
            ["createdate"] = "2026-01-01T00:00:00.000Z",
            ["hs_lastmodifieddate"] = "2026-01-02T00:00:00.000Z",
        };
        foreach (var (name, value) in overrides)
        {
            properties[name] = value;
        }

        return new HubSpotObject { Id = "1", Properties = properties };
    }
}
