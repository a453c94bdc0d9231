using CrmBridge.Core.Cemetery;

namespace CrmBridge.Worker.Output;

/// <summary>One connection's scan, and what notifying did when it was asked for.</summary>
internal sealed record CemeteryConnectionReport(CemeteryScan Scan, CemeteryRunResult? Run);
