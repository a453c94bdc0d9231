using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Adapters.Bitrix24.Http;
using CrmBridge.Adapters.Bitrix24.Mapping;
using CrmBridge.Adapters.Bitrix24.Models;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Bitrix24.Tests;

/// <summary>The mapper on both Bitrix24 shapes, and the batch sub-call encoding.</summary>
public sealed class Bitrix24MapperTests
{
    private static readonly Dictionary<string, Bitrix24StageInfo> Stages = new()
    {
        ["C4:LOSE"] = new Bitrix24StageInfo("Churned", StageOutcome.Lost),
        ["NEW"] = new Bitrix24StageInfo("New", StageOutcome.Open),
    };

    [Fact]
    public void MapDeal_LegacyCrmDealShape_ReadsUpperCaseStringValues()
    {
        var mapper = new Bitrix24Mapper("portal", new Bitrix24FieldCatalog(new Dictionary<string, string> { ["deal.source"] = "UF_CRM_SOURCE" }, new Dictionary<string, Dictionary<string, Bitrix24Field>>()));
        var item = Item("""
            {"ID":"37","TITLE":"Legacy deal","CATEGORY_ID":"4","STAGE_ID":"C4:LOSE","STAGE_SEMANTIC_ID":"F","OPPORTUNITY":"19999.99",
             "CURRENCY_ID":"EUR","ASSIGNED_BY_ID":"5","COMPANY_ID":"0","CONTACT_ID":"12","DATE_CREATE":"2024-09-02T18:37:18+02:00",
             "DATE_MODIFY":"2024-09-03T10:00:00+02:00","MOVED_TIME":"2024-09-03T09:00:00+02:00","CLOSEDATE":"2024-09-03T00:00:00+02:00",
             "UF_CRM_SOURCE":"partner"}
            """);

        var deal = mapper.MapDeal(item, Stages, contactIds: null, nextActivityAt: null).Deal!;

        Assert.Equal("37", deal.ExternalId);
        Assert.Equal("Legacy deal", deal.Name);
        Assert.Equal("4", deal.PipelineId);
        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Equal("Churned", deal.LostReason);
        Assert.Equal(19999.99m, deal.Amount);
        Assert.Equal("5", deal.OwnerId);
        Assert.Null(deal.CompanyId);
        Assert.Equal(["12"], deal.ContactIds);
        Assert.Equal(new DateTimeOffset(2024, 9, 2, 16, 37, 18, TimeSpan.Zero), deal.CreatedAt);
        Assert.Equal(new DateTimeOffset(2024, 9, 2, 22, 0, 0, TimeSpan.Zero), deal.ClosedAt);
        Assert.Equal("partner", deal.Fields["deal.source"]);
    }

    [Fact]
    public void MapDeal_WithoutSemanticId_TakesTheOutcomeOfTheStage()
    {
        var mapper = new Bitrix24Mapper("portal", new Bitrix24FieldCatalog(new Dictionary<string, string>(), new Dictionary<string, Dictionary<string, Bitrix24Field>>()));
        var item = Item("""{"id":1,"stageId":"C4:LOSE","createdTime":"2024-09-02T18:37:18+03:00"}""");

        var deal = mapper.MapDeal(item, Stages, null, null).Deal!;

        Assert.Equal(DealStatus.Lost, deal.Status);
        Assert.Equal("Churned", deal.LostReason);
    }

    [Theory]
    [InlineData("S", null, StageOutcome.Won)]
    [InlineData("F", null, StageOutcome.Lost)]
    [InlineData(null, "apology", StageOutcome.Lost)]
    [InlineData(null, "success", StageOutcome.Won)]
    [InlineData(null, "process", StageOutcome.Open)]
    [InlineData("", null, StageOutcome.Open)]
    public void OutcomeOf_ReadsSemanticsNeverTheName(string? semantics, string? extra, StageOutcome expected)
    {
        var status = new Bitrix24Status { StatusId = "X", Name = "Won", Semantics = semantics, Extra = extra is null ? null : new Bitrix24StatusExtra { Semantics = extra } };

        Assert.Equal(expected, Bitrix24Mapper.OutcomeOf(status));
    }

    [Fact]
    public void Command_WritesNestedParametersAsPhpDoes()
    {
        var command = Bitrix24Query.Command("crm.item.list", new JsonObject
        {
            ["entityTypeId"] = 2,
            ["filter"] = new JsonObject { [">id"] = 50, ["@id"] = new JsonArray(1, 2), [">=updatedTime"] = "2024-09-02T18:37:18+03:00" },
            ["select"] = new JsonArray("id", "UF_CRM_X"),
            ["flag"] = true,
        });

        Assert.Equal(
            "crm.item.list?entityTypeId=2&filter[%3Eid]=50&filter[%40id][0]=1&filter[%40id][1]=2&filter[%3E%3DupdatedTime]=2024-09-02T18%3A37%3A18%2B03%3A00&select[0]=id&select[1]=UF_CRM_X&flag=Y",
            command);
    }

    [Fact]
    public void FormatTime_UsesThePortalsOffsetAndFloorsToTheSecond()
    {
        Assert.Equal("2024-09-02T18:37:18+03:00", Bitrix24Values.FormatTime(new DateTimeOffset(2024, 9, 2, 15, 37, 18, 999, TimeSpan.Zero), TimeSpan.FromHours(3)));
    }

    private static Dictionary<string, JsonElement> Item(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
