using CrmBridge.Adapters.AmoCrm.Models;
using Refit;

namespace CrmBridge.Adapters.AmoCrm.Api;

internal interface IAmoCrmNotesApi
{
    [Post("/api/v4/leads/{leadId}/notes")]
    Task<AmoCrmPage?> AddToLeadAsync(long leadId, [Body] List<AmoCrmNoteInput> notes, CancellationToken cancellationToken);
}
