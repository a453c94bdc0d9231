using CrmBridge.Core.Model;

namespace CrmBridge.TestKit;

/// <summary>Builds deals for tests with sensible defaults.</summary>
public sealed class DealBuilder
{
    private static readonly DateTimeOffset DefaultTime = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private Deal _deal = new()
    {
        Connection = "test",
        ExternalId = "1",
        Name = "orion-tech.ru - Orion",
        PipelineId = "sales",
        StageId = "qualified",
        CreatedAt = DefaultTime,
        UpdatedAt = DefaultTime,
    };

    public DealBuilder WithConnection(string connection) => Set(_deal with { Connection = connection });

    public DealBuilder WithId(string id) => Set(_deal with { ExternalId = id });

    public DealBuilder WithName(string name) => Set(_deal with { Name = name });

    public DealBuilder InStage(string pipelineId, string stageId) => Set(_deal with { PipelineId = pipelineId, StageId = stageId });

    public DealBuilder WithStatus(DealStatus status) => Set(_deal with { Status = status });

    public DealBuilder WithAmount(decimal amount, string currency = "RUB") => Set(_deal with { Amount = amount, Currency = currency });

    public DealBuilder WithOwner(string ownerId) => Set(_deal with { OwnerId = ownerId });

    public DealBuilder WithCompany(string companyId) => Set(_deal with { CompanyId = companyId });

    public DealBuilder WithContacts(params string[] contactIds) => Set(_deal with { ContactIds = contactIds });

    public DealBuilder UpdatedAt(DateTimeOffset time) => Set(_deal with { UpdatedAt = time });

    public DealBuilder CreatedAt(DateTimeOffset time) => Set(_deal with { CreatedAt = time });

    public DealBuilder WithActivity(DateTimeOffset? last, DateTimeOffset? next) => Set(_deal with { LastActivityAt = last, NextActivityAt = next });

    public DealBuilder EnteredStageAt(DateTimeOffset? time) => Set(_deal with { StageEnteredAt = time });

    public DealBuilder WithField(string name, string? value) =>
        Set(_deal with { Fields = new Dictionary<string, string?>(_deal.Fields) { [name] = value } });

    public Deal Build() => _deal;

    private DealBuilder Set(Deal deal)
    {
        _deal = deal;
        return this;
    }
}
