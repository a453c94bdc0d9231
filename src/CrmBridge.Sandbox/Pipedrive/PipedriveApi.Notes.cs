using System.Text.Json;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.Pipedrive;

/// <summary>v1 <c>GET /v1/notes</c>: notes filtered by <c>deal_id</c>, offset pages (<c>start</c>, <c>limit</c>), oldest first.</summary>
internal sealed partial class PipedriveApi
{
    public SandboxHttpResponse ListNotes(SandboxHttpRequest request)
    {
        var dealId = LongParam(request.Query, "deal_id");
        var start = (int)(LongParam(request.Query, "start") ?? 0);
        var limit = Limit(request.Query);
        var notes = account.Notes.Where(n => dealId is null || n.DealId == dealId).ToList();
        var page = notes.Skip(start).Take(limit).ToList();
        var more = start + page.Count < notes.Count;
        return new(200, PipedriveWire.Write(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("success", true);

            // v1 answers an empty list with "data": null.
            if (page.Count == 0)
            {
                w.WriteNull("data");
            }
            else
            {
                w.WriteStartArray("data");
                foreach (var note in page)
                {
                    WriteNote(w, note);
                }

                w.WriteEndArray();
            }

            WriteOffsetPagination(w, start, limit, page.Count, more);
            w.WriteEndObject();
        }));
    }

    private static void WriteNote(Utf8JsonWriter w, PipedriveNoteRow note)
    {
        w.WriteStartObject();
        w.WriteNumber("id", note.Id);
        w.WriteNumber("user_id", note.UserId);
        w.WriteNumber("deal_id", note.DealId);
        w.WriteNull("person_id");
        w.WriteNull("org_id");
        w.WriteString("content", note.Content);
        w.WriteString("add_time", PipedriveWire.V1Time(note.AddTime));
        w.WriteString("update_time", PipedriveWire.V1Time(note.AddTime));
        w.WriteBoolean("active_flag", true);
        w.WriteBoolean("pinned_to_deal_flag", false);
        w.WriteEndObject();
    }
}
