namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>A note added to a lead through the API.</summary>
public sealed record AmoCrmNoteRecord(long Id, long LeadId, string NoteType, string Text, long CreatedAt);
