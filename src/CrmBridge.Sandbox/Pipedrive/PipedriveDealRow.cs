namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>Server-side state of one deal; mutated only under the account's lock.</summary>
internal sealed class PipedriveDealRow
{
    public required long Id { get; init; }

    public required string Title { get; set; }

    public required long OwnerId { get; set; }

    public long CreatorUserId { get; init; }

    public required long PipelineId { get; set; }

    public required long StageId { get; set; }

    /// <summary>0 when nobody gave the deal a value, as Pipedrive stores it.</summary>
    public decimal Value { get; set; }

    public string Currency { get; set; } = "RUB";

    public long? OrgId { get; set; }

    /// <summary>The deal's primary person.</summary>
    public long? PersonId { get; set; }

    /// <summary>Further persons (v1 participants), in the order they were added.</summary>
    public List<long> Participants { get; } = [];

    /// <summary><c>open</c>, <c>won</c> or <c>lost</c>; deletion is <see cref="DeletedAt"/>.</summary>
    public string Status { get; set; } = "open";

    public string? LostReason { get; set; }

    public required DateTimeOffset AddTime { get; init; }

    public required DateTimeOffset UpdateTime { get; set; }

    public DateTimeOffset? StageChangeTime { get; set; }

    public DateTimeOffset? WonTime { get; set; }

    public DateTimeOffset? LostTime { get; set; }

    public DateTimeOffset? CloseTime { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>The deal this one was merged into, when it was.</summary>
    public long? MergedInto { get; set; }

    public long? LastActivityId { get; set; }

    public long? NextActivityId { get; set; }

    public Dictionary<string, object?> CustomFields { get; } = new(StringComparer.Ordinal);

    public string Origin { get; init; } = "ManuallyCreated";

    public string? DatasetKey { get; init; }

    public bool IsDeleted => DeletedAt is not null;

    public bool IsArchived => ArchivedAt is not null;

    /// <summary>Every linked person: the primary one, then the participants.</summary>
    public IEnumerable<long> LinkedPersons => PersonId is { } primary ? Participants.Prepend(primary).Distinct() : Participants;
}
