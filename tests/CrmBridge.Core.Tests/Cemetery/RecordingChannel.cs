using CrmBridge.Core.Cemetery;

namespace CrmBridge.Core.Tests.Cemetery;

/// <summary>A channel that renders each digest as <paramref name="parts"/> parts and records (or fails) deliveries on demand.</summary>
internal sealed class RecordingChannel(string name = "test", int parts = 1) : ICemeteryChannel
{
    public string Name => name;

    public bool IsEnabled { get; set; } = true;

    /// <summary>Fails the next deliveries with this error while it is set.</summary>
    public Func<CemeteryOutboxMessage, int, Exception?> Fail { get; set; } = (_, _) => null;

    public List<(long MessageId, int Part)> Delivered { get; } = [];

    public IReadOnlyList<CemeteryRenderedMessage> Render(CemeteryDigest digest) =>
        [new CemeteryRenderedMessage(digest.Recipient.Key, CemeteryDigestText.Subject(digest), [.. Enumerable.Range(0, parts).Select(p => $"{digest.Recipient.Key} part {p}")])];

    public Task DeliverAsync(CemeteryOutboxMessage message, int part, CancellationToken cancellationToken)
    {
        if (Fail(message, part) is { } failure)
        {
            throw failure;
        }

        Delivered.Add((message.Id, part));
        return Task.CompletedTask;
    }
}
