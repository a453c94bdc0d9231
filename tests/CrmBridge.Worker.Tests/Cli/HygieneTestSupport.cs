using System.Text.Json;
using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Model;
using CrmBridge.Sandbox;
using CrmBridge.Sandbox.Dataset;

namespace CrmBridge.Worker.Tests.Cli;

/// <summary>Reads hygiene JSON output and maps findings to the sandbox's seeded dirt, in dataset keys.</summary>
internal static class HygieneTestSupport
{
    /// <summary>Dirt kinds the hygiene rules own (the others belong to the deal cemetery or are not dirt).</summary>
    public static readonly DirtKind[] HygieneKinds =
    [
        DirtKind.MissingCompany, DirtKind.MissingAmount, DirtKind.OffNamingConvention, DirtKind.MissingInn, DirtKind.InvalidInn,
        DirtKind.MalformedWebsite, DirtKind.MalformedPhone, DirtKind.MalformedEmail, DirtKind.LostWithoutReason,
    ];

    public static List<JsonElement> Findings(CliRun run, int connection = 0) =>
        [.. JsonDocument.Parse(run.Output).RootElement.GetProperty("connections")[connection].GetProperty("findings").EnumerateArray()];

    public static List<string> Expected(SandboxDataset dataset) =>
        [.. dataset.Dirt.Where(d => HygieneKinds.Contains(d.Kind)).Select(d => $"{d.DealKey}|{d.Kind}|{d.EntityKey}").Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Each finding as "deal key|dirt kind|entity key"; a finding no dirt kind explains maps to its rule/check, so a test sees it as extra.</summary>
    public static List<string> Found(IEnumerable<JsonElement> findings, ISandboxCrm crm, SandboxDataset dataset)
    {
        var companies = dataset.Companies.ToDictionary(c => crm.GetCompanyId(c.Key), c => c.Key, StringComparer.Ordinal);
        var contacts = dataset.Contacts.ToDictionary(c => crm.GetContactId(c.Key), c => c.Key, StringComparer.Ordinal);
        return
        [
            .. findings.Select(f =>
            {
                var deal = crm.FindDealKey(f.GetProperty("dealId").GetString()!) ?? f.GetProperty("dealId").GetString()!;
                var subject = f.GetProperty("subject").GetString();
                var subjectId = f.GetProperty("subjectId").GetString()!;
                var entity = subject switch
                {
                    HygieneSubjects.Company => companies.GetValueOrDefault(subjectId, subjectId),
                    HygieneSubjects.Contact => contacts.GetValueOrDefault(subjectId, subjectId),
                    _ => deal,
                };
                var rule = f.GetProperty("rule").GetString();
                var check = f.GetProperty("check").GetString();
                var field = f.GetProperty("field").ValueKind == JsonValueKind.String ? f.GetProperty("field").GetString() : null;
                var kind = (rule, check, field) switch
                {
                    (HygieneRules.Naming, HygieneChecks.NoCompany, _) => DirtKind.MissingCompany.ToString(),
                    (HygieneRules.Naming, HygieneChecks.OffConvention, _) => DirtKind.OffNamingConvention.ToString(),
                    (HygieneRules.RequiredFields, HygieneChecks.Missing, HygieneFields.DealAmount) => DirtKind.MissingAmount.ToString(),
                    (HygieneRules.RequiredFields, HygieneChecks.Missing, CanonicalFields.CompanyInn) => DirtKind.MissingInn.ToString(),
                    (HygieneRules.RequiredFields, HygieneChecks.Missing, HygieneFields.DealLostReason) => DirtKind.LostWithoutReason.ToString(),
                    (HygieneRules.InnFormat, HygieneChecks.Invalid, _) => DirtKind.InvalidInn.ToString(),
                    (HygieneRules.WebsiteFormat, HygieneChecks.Invalid, _) => DirtKind.MalformedWebsite.ToString(),
                    (HygieneRules.PhoneFormat, _, _) => DirtKind.MalformedPhone.ToString(),
                    (HygieneRules.EmailFormat, _, _) => DirtKind.MalformedEmail.ToString(),
                    _ => $"{rule}/{check}/{field}",
                };
                return $"{deal}|{kind}|{entity}";
            }).Order(StringComparer.Ordinal),
        ];
    }
}
