using System.Text.Json;
using CrmBridge.Adapters.Pipedrive.Mapping;
using CrmBridge.Adapters.Pipedrive.Models;
using CrmBridge.Core.Adapters;
using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Adapters.Pipedrive.Tests;

public sealed class PipedriveMapperTests
{
    private const string SourceKey = "e704fdeb97c5453fefaca05ebb5e90d26aa7aab1";
    private const string RegionsKey = "7ff078f264f805f813409af263de234b3316da95";
    private const string MarkerKey = "af764f988057e4e1486d7b7d9d555715df9f942a";
    private const string BudgetKey = "81e4a5523e4e1843f200847f875f60d495df137f";
    private const string MarkerFieldName = "CrmBridge marker";

    private static readonly PipedriveField Source = new()
    {
        Id = 1, Key = SourceKey, Name = "Lead source", FieldType = "enum", EditFlag = true,
        Options = [new PipedriveFieldOption { Id = 27, Label = "Web" }, new PipedriveFieldOption { Id = 28, Label = "Referral" }],
    };

    private static readonly PipedriveField Regions = new()
    {
        Id = 2, Key = RegionsKey, Name = "Regions", FieldType = "set", EditFlag = true,
        Options = [new PipedriveFieldOption { Id = 40, Label = "North" }, new PipedriveFieldOption { Id = 41, Label = "South" }],
    };

    private static readonly PipedriveField Marker = new() { Id = 3, Key = MarkerKey, Name = MarkerFieldName, FieldType = "varchar", EditFlag = true };

    private static readonly PipedriveField Budget = new() { Id = 4, Key = BudgetKey, Name = "Budget", FieldType = "double", EditFlag = true };

    private static readonly PipedriveField Title = new() { Id = 5, Key = "title", Name = "Title", FieldType = "varchar", EditFlag = false };

    private readonly PipedriveFieldSet _fields = new(
        "deal",
        [Title, Source, Regions, Marker, Budget],
        new FieldMapPartition(new Dictionary<string, string>
        {
            ["deal.source"] = "lead source",
            ["deal.regions"] = "Regions",
            ["deal.budget"] = BudgetKey,
            ["deal.title"] = "Title",
        }, MarkerFieldName).Deal);

    [Theory]
    [InlineData("27", "Web")]
    [InlineData("[40,41]", "North;South")]
    [InlineData("\"40,41\"", "North;South")]
    [InlineData("99", "99")]
    [InlineData("null", null)]
    public void Read_OptionIds_BecomeLabels(string json, string? expected)
    {
        var field = json.Contains('[', StringComparison.Ordinal) || json.Contains(',', StringComparison.Ordinal) ? Regions : Source;

        Assert.Equal(expected, PipedriveFieldValues.Read(field, JsonDocument.Parse(json).RootElement));
    }

    [Fact]
    public void Read_ObjectsAndNumbers_GiveTheirValueAsText()
    {
        Assert.Equal("1500.5", PipedriveFieldValues.Read(Budget, JsonDocument.Parse("{\"value\":1500.5,\"currency\":\"EUR\"}").RootElement));
        Assert.Equal("12", PipedriveFieldValues.Read(Budget, JsonDocument.Parse("12").RootElement));
        Assert.Equal("Tverskaya 1", PipedriveFieldValues.Read(Marker, JsonDocument.Parse("{\"value\":\"Tverskaya 1\",\"country\":\"RU\"}").RootElement));
    }

    [Theory]
    [InlineData("Web")]
    [InlineData("web")]
    [InlineData("27")]
    public void Write_EnumLabelOrOptionId_BecomesTheOptionIdAndReadsBackAsTheLabel(string input)
    {
        var written = PipedriveFieldValues.Write("deal.source", Source, input);

        Assert.Equal("27", written!.ToJsonString());
        Assert.Equal("Web", PipedriveFieldValues.Read(Source, JsonDocument.Parse(written.ToJsonString()).RootElement));
    }

    [Fact]
    public void Write_SetLabels_RoundTrip()
    {
        var written = PipedriveFieldValues.Write("deal.regions", Regions, "South; North");

        Assert.Equal("[41,40]", written!.ToJsonString());
        Assert.Equal("South;North", PipedriveFieldValues.Read(Regions, JsonDocument.Parse(written.ToJsonString()).RootElement));
    }

    [Fact]
    public void Write_BadValues_NameTheFieldAndWhatItTakes()
    {
        var option = Assert.Throws<PipedriveFieldMapException>(() => PipedriveFieldValues.Write("deal.source", Source, "Billboard"));
        var number = Assert.Throws<PipedriveFieldMapException>(() => PipedriveFieldValues.Write("deal.budget", Budget, "a lot"));

        Assert.Equal("field 'deal.source' has no option 'Billboard' in Pipedrive field 'Lead source'; allowed: Web, Referral", option.Message);
        Assert.Contains("takes a number", number.Message, StringComparison.Ordinal);
        Assert.Null(PipedriveFieldValues.Write("deal.budget", Budget, ""));
    }

    [Fact]
    public void FieldSet_ResolvesNamesCaseInsensitivelyAndKeysAndReportsWhatIsMissingOrAmbiguous()
    {
        var twins = new PipedriveFieldSet(
            "deal",
            [Source, new PipedriveField { Key = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", Name = "Lead Source", FieldType = "varchar", EditFlag = true }],
            new Dictionary<string, string> { ["deal.source"] = "Lead source", ["deal.other"] = "Nope" });

        Assert.Equal(SourceKey, _fields.Require("deal.source").Key);
        Assert.Equal(BudgetKey, _fields.Require("deal.budget").Key);
        Assert.Contains("names 2 Pipedrive deal fields", Assert.Throws<PipedriveFieldMapException>(() => twins.Require("deal.source")).Message, StringComparison.Ordinal);
        Assert.Contains("'Nope' is not a Pipedrive deal field", Assert.Throws<PipedriveFieldMapException>(() => twins.Require("deal.other")).Message, StringComparison.Ordinal);
        Assert.Equal(
            new[] { SourceKey, RegionsKey, MarkerKey, BudgetKey }.Order(),
            new PipedriveFieldSet("deal", [Title, Source, Regions, Marker, Budget], new FieldMapPartition(new Dictionary<string, string> { ["deal.source"] = "Lead source", ["deal.regions"] = "Regions", ["deal.budget"] = "Budget" }, MarkerFieldName).Deal).CustomKeys.Order());
    }

    [Fact]
    public void NewDeal_ToTheWireAndBack_KeepsEveryMappedValue()
    {
        var newDeal = new NewDeal
        {
            Name = "acme.io - Acme",
            PipelineId = "2",
            StageId = "10",
            Amount = 990m,
            Currency = "EUR",
            OwnerId = "12001",
            CompanyId = "501",
            ContactIds = ["901"],
            Fields = new Dictionary<string, string?> { ["deal.source"] = "Referral", ["deal.regions"] = "North", ["deal.budget"] = "5000" },
        };
        var fields = new PipedriveFieldSet("deal", [Source, Regions, Marker, Budget], new FieldMapPartition(new Dictionary<string, string>
        {
            ["deal.source"] = "Lead source", ["deal.regions"] = "Regions", ["deal.budget"] = "Budget",
        }, MarkerFieldName).Deal);

        var input = PipedriveMapper.ToInput(newDeal with { Marker = "m-1" }, fields);
        var echoed = JsonSerializer.Deserialize(
            $$"""
            {"id":9,"title":"{{input.Title}}","pipeline_id":{{input.PipelineId}},"stage_id":{{input.StageId}},"value":{{input.Value}},"currency":"{{input.Currency}}",
             "owner_id":{{input.OwnerId}},"org_id":{{input.OrgId}},"person_id":{{input.PersonId}},"status":"open","add_time":"2026-03-02T10:00:00Z","update_time":"2026-03-02T10:00:00Z",
             "custom_fields":{{JsonSerializer.Serialize(input.CustomFields, PipedriveJsonContext.Default.DictionaryStringJsonNode)}}}
            """,
            PipedriveJsonContext.Default.PipedriveDeal)!;
        var deal = new PipedriveMapper("main").MapDeal(echoed, fields, PipedriveDealExtras.None).Deal!;

        Assert.Equal(newDeal.Name, deal.Name);
        Assert.Equal(newDeal.PipelineId, deal.PipelineId);
        Assert.Equal(newDeal.StageId, deal.StageId);
        Assert.Equal(newDeal.Amount, deal.Amount);
        Assert.Equal(newDeal.Currency, deal.Currency);
        Assert.Equal(newDeal.OwnerId, deal.OwnerId);
        Assert.Equal(newDeal.CompanyId, deal.CompanyId);
        Assert.Equal(newDeal.ContactIds, deal.ContactIds);
        Assert.Equal("Referral", deal.Fields["deal.source"]);
        Assert.Equal("North", deal.Fields["deal.regions"]);
        Assert.Equal("5000", deal.Fields["deal.budget"]);
        Assert.Equal("m-1", deal.Fields["deal.crmbridge_marker"]);
    }

    [Fact]
    public void DealUpdate_ToTheWire_SetsOnlyWhatChangesAndClearsNulls()
    {
        var input = PipedriveMapper.ToInput(new DealUpdate { DealId = "1", StageId = "4", Fields = new Dictionary<string, string?> { ["deal.source"] = null } }, _fields);

        Assert.Null(input.Title);
        Assert.Null(input.PipelineId);
        Assert.Equal(4, input.StageId);
        Assert.Null(Assert.Single(input.CustomFields!).Value);
    }

    [Fact]
    public void DealUpdate_StandardFieldThroughTheFieldMap_IsRefused()
    {
        var error = Assert.Throws<PipedriveFieldMapException>(() =>
            PipedriveMapper.ToInput(new DealUpdate { DealId = "1", Fields = new Dictionary<string, string?> { ["deal.title"] = "x" } }, _fields));

        Assert.Contains("Pipedrive's own field 'title'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("won", DealStatus.Won)]
    [InlineData("lost", DealStatus.Lost)]
    [InlineData("open", DealStatus.Open)]
    [InlineData(null, DealStatus.Open)]
    public void StatusOf_ReadsTheDealsStatus(string? status, DealStatus expected) => Assert.Equal(expected, PipedriveMapper.StatusOf(status));

    [Theory]
    [InlineData("Decision maker", ContactRole.DecisionMaker)]
    [InlineData("decision_maker", ContactRole.DecisionMaker)]
    [InlineData("Champion", ContactRole.Champion)]
    [InlineData("Buyer;Influencer", ContactRole.Influencer)]
    [InlineData("Unknown", ContactRole.Unknown)]
    [InlineData(null, ContactRole.Unknown)]
    public void RoleOf_ReadsLabelsLoosely(string? label, ContactRole expected) => Assert.Equal(expected, PipedriveMapper.RoleOf(label));

    [Fact]
    public void MapDeal_BadTime_SkipsTheDealWithTheReason()
    {
        var result = new PipedriveMapper("main").MapDeal(
            new PipedriveDeal { Id = 5, PipelineId = 1, StageId = 1, AddTime = "yesterday" }, _fields, PipedriveDealExtras.None);

        Assert.Null(result.Deal);
        Assert.Equal("add_time 'yesterday' is not a time", result.SkipReason);
    }
}
