namespace CrmBridge.Core.Cemetery;

/// <summary>
/// One way digests reach people. A channel renders a digest into the messages it would send (none when the digest
/// has no route on it) and delivers one part of a stored message. It never puts a secret into a message, an error or a log.
/// </summary>
public interface ICemeteryChannel
{
    /// <summary>Stable name, stored with each message: <c>slack</c>, <c>telegram</c>, <c>email</c>, <c>webhook</c>, <c>crmtask</c>.</summary>
    string Name { get; }

    bool IsEnabled { get; }

    IReadOnlyList<CemeteryRenderedMessage> Render(CemeteryDigest digest);

    /// <summary>Delivers <paramref name="message"/>'s part <paramref name="part"/>; throws <see cref="CemeteryDeliveryException"/> when it cannot.</summary>
    Task DeliverAsync(CemeteryOutboxMessage message, int part, CancellationToken cancellationToken);
}
