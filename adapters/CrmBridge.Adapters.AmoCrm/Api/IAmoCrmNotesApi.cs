using CrmBridge.Adapters.AmoCrm.Models;
using Refit;

namespace CrmBridge.Adapters.AmoCrm.Api;

internal interface IAmoCrmNotesApi
{
    /// <summary>The notes of one lead; an empty list answers 204 with no body.</summary>
    [Get("/api/v4/leads/{leadId}/notes")]
    [QueryUriFormat(UriFormat.Unescaped)]
    Task<AmoCrmPage?> ListOfLeadAsync(long leadId, int page, int limit, [AliasAs("filter[note_type]")] string noteType, CancellationToken cancellationToken);

    [Post("/api/v4/leads/{leadId}/notes")]
    Task<AmoCrmPage?> AddToLeadAsync(long leadId, [Body] List<AmoCrmNoteInput> notes, CancellationToken cancellationToken);
}
