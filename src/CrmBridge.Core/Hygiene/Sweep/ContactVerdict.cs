using CrmBridge.Core.Hygiene.Checks;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>The format checks of one contact, computed once and reused by every deal that links it.</summary>
internal sealed record ContactVerdict(string? EmailCheck, string? EmailFix, PhoneVerdict? Phone);
