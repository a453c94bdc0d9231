namespace CrmBridge.Sandbox.Pipedrive;

internal sealed record PipedriveNoteRow(long Id, long DealId, long UserId, string Content, DateTimeOffset AddTime);
