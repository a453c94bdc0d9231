using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>
/// <c>GET /api/v4/leads/{id}/notes</c>: a lead's notes, oldest first, <c>page</c>/<c>limit</c> paging,
/// <c>filter[note_type]</c>; 204 with no body when there are none, as every amoCRM list.
/// </summary>
internal sealed partial class AmoCrmApi
{
    public SandboxHttpResponse LeadNotes(SandboxHttpRequest request, long leadId)
    {
        if (account.FindLiveLead(leadId) is null)
        {
            throw new AmoCrmRequestException(AmoCrmErrors.NotFound($"Lead {leadId} not found"));
        }

        var q = request.Query;
        var (page, limit) = Paging(q, 50, MaxLimit);
        var types = q["filter[note_type]"] is { Length: > 0 } filter ? filter.Split(',') : null;
        var items = account.Notes
            .Where(n => n.LeadId == leadId && (types is null || types.Contains(n.NoteType, StringComparer.Ordinal)))
            .Skip((page - 1) * limit)
            .Take(limit + 1)
            .ToList();
        return items.Count == 0 ? NoContent() : List("notes", request, page, limit, items.Count > limit, w =>
        {
            foreach (var note in items.Take(limit))
            {
                w.WriteStartObject();
                w.WriteNumber("id", note.Id);
                w.WriteNumber("entity_id", note.LeadId);
                w.WriteNumber("created_by", 0);
                w.WriteNumber("updated_by", 0);
                w.WriteNumber("created_at", note.CreatedAt);
                w.WriteNumber("updated_at", note.CreatedAt);
                w.WriteNumber("responsible_user_id", AmoCrmSchema.FirstUserId);
                w.WriteNumber("group_id", 0);
                w.WriteString("note_type", note.NoteType);
                w.WriteStartObject("params");
                w.WriteString("text", note.Text);
                w.WriteEndObject();
                w.WriteNumber("account_id", AmoCrmSchema.AccountId);
                AmoCrmJson.WriteSelfLink(w, Href($"api/v4/leads/{note.LeadId}/notes/{note.Id}"));
                w.WriteEndObject();
            }
        });
    }
}
