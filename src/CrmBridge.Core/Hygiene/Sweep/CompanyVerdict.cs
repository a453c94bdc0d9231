using CrmBridge.Core.Hygiene.Checks;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>The checks of one company that do not depend on the deal, computed once and reused by every deal that links it.</summary>
internal sealed record CompanyVerdict(string? NormalizedWebsite, bool WebsiteWellFormed, string? InnCheck, string? InnFix, PhoneVerdict? Phone);
