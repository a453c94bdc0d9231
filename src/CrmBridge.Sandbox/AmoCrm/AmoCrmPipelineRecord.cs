namespace CrmBridge.Sandbox.AmoCrm;

internal sealed record AmoCrmPipelineRecord(long Id, string Name, int Sort, bool IsMain, string DatasetKey, IReadOnlyList<AmoCrmStatusRecord> Statuses);
