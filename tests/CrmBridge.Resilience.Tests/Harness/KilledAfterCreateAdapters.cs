using CrmBridge.Core.Adapters;
using CrmBridge.Core.Model;
using CrmBridge.TestKit;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>
/// Adapters whose task and note creates reach the CRM and then end the way a killed worker ends: no answer comes back
/// and nothing is recorded (an <see cref="OperationCanceledException"/>, which the writer does not record as a failure).
/// </summary>
internal static class KilledAfterCreateAdapters
{
    public static ICrmAdapterFactory Wrap(ICrmAdapterFactory inner) => new WrappingAdapterFactory(inner, adapter => new Adapter(adapter));

    private sealed class Adapter(ICrmAdapter inner) : ForwardingCrmAdapter(inner)
    {
        public override async Task<CrmTask> CreateTaskAsync(NewTask task, CancellationToken cancellationToken)
        {
            await Inner.CreateTaskAsync(task, cancellationToken);
            throw new OperationCanceledException("the worker was killed after the CRM created the task");
        }

        public override async Task<Note> AddNoteAsync(NewNote note, CancellationToken cancellationToken)
        {
            await Inner.AddNoteAsync(note, cancellationToken);
            throw new OperationCanceledException("the worker was killed after the CRM added the note");
        }
    }
}
