using CrmBridge.Core.Hygiene.Checks;
using CrmBridge.Core.Model;

namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>
/// Runs the per-deal rules of a compiled rule set over one deal with its company and contacts. Company and contact
/// checks are computed once per record and reused (bounded caches), so a company linked by many deals costs one check.
/// </summary>
internal sealed class DealEvaluator(string connection, FindingSink sink)
{
    private const int CacheLimit = 25_000;
    private const int DetailLength = 160;

    private readonly Dictionary<CompiledRuleSet, Dictionary<string, CompanyVerdict>> _companies = [];
    private readonly Dictionary<CompiledRuleSet, Dictionary<string, ContactVerdict>> _contacts = [];

    private Deal _deal = null!;

    public void Evaluate(Deal deal, Company? company, List<Contact> contacts, CompiledRuleSet rules)
    {
        _deal = deal;
        sink.BeginDeal();
        if (rules.FormatsOn)
        {
            CheckOversized(rules, company, contacts);
        }

        if (rules.RequiredFields)
        {
            CheckRequired(rules, company, contacts);
        }

        var verdict = company is null ? null : CompanyVerdictFor(rules, company);
        if (rules.NamingOn)
        {
            CheckNaming(rules, company, verdict);
        }

        if (company is not null && verdict is not null)
        {
            CheckCompany(rules, company, verdict);
        }

        if (rules.EmailOn || rules.PhoneOn)
        {
            foreach (var contact in contacts)
            {
                CheckContact(rules, contact, ContactVerdictFor(rules, contact));
            }
        }

        if (rules.AllowedValuesOn)
        {
            foreach (var (field, values) in rules.AllowedValues)
            {
                VisitValues(rules, field, company, contacts, values, default);
            }
        }

        if (rules.FormatsOn)
        {
            foreach (var (field, format) in rules.Formats)
            {
                VisitValues(rules, field, company, contacts, null, format);
            }
        }
    }

    private void CheckOversized(CompiledRuleSet rules, Company? company, List<Contact> contacts)
    {
        var max = rules.MaxValueLength;
        if (_deal.Name.Length > max)
        {
            Oversized(HygieneSubjects.Deal, _deal.ExternalId, HygieneFields.DealName, _deal.Name.Length, max);
        }

        if (_deal.Fields.Count > 0)
        {
            foreach (var (key, value) in Fields.Enumerate(_deal.Fields))
            {
                if (value is not null && value.Length > max)
                {
                    Oversized(HygieneSubjects.Deal, _deal.ExternalId, key, value.Length, max);
                }
            }
        }

        if (company is not null)
        {
            CheckOversized(HygieneSubjects.Company, company.ExternalId, max, (CanonicalFields.CompanyName, company.Name), (CanonicalFields.CompanyWebsite, company.Website), (CanonicalFields.CompanyInn, company.Inn), (CanonicalFields.CompanyPhone, company.Phone));
        }

        foreach (var contact in contacts)
        {
            CheckOversized(HygieneSubjects.Contact, contact.ExternalId, max, (HygieneFields.ContactName, contact.FullName), (CanonicalFields.ContactEmail, contact.Email), (CanonicalFields.ContactPhone, contact.Phone));
        }
    }

    private void CheckOversized(string subject, string id, int max, params ReadOnlySpan<(string Field, string? Value)> values)
    {
        foreach (var (field, value) in values)
        {
            if (value is not null && value.Length > max)
            {
                Oversized(subject, id, field, value.Length, max);
            }
        }
    }

    private void Oversized(string subject, string id, string field, int length, int max) =>
        Add(HygieneRules.FieldFormats, HygieneChecks.Oversized, subject, id, field, HygieneSeverity.Warning, $"{field} holds {length} characters (more than {max})");

    private void CheckRequired(CompiledRuleSet rules, Company? company, List<Contact> contacts)
    {
        foreach (var field in rules.Required)
        {
            RequireField(field, company, contacts, "required on every deal");
        }

        var (stageFields, stage) = rules.StageCriteria(_deal);
        foreach (var field in stageFields)
        {
            var origin = stage!.Origin.GetValueOrDefault(field.Name, stage.Name);
            RequireField(field, company, contacts, $"required before leaving '{origin}' (deal is at '{stage.Name}')");
        }

        if (_deal.Status == DealStatus.Lost)
        {
            foreach (var field in rules.RequiredWhenLost)
            {
                RequireField(field, company, contacts, "required on a lost deal");
            }
        }
    }

    private void RequireField(FieldAccessor field, Company? company, List<Contact> contacts, string why)
    {
        switch (field.Entity)
        {
            case FieldEntity.Deal when !field.HasValue(_deal):
                Add(HygieneRules.RequiredFields, HygieneChecks.Missing, HygieneSubjects.Deal, _deal.ExternalId, field.Name, HygieneSeverity.Error, $"{field.Name} is empty: {why}");
                break;

            // A deal without a company is reported once, by the naming rule, not once per company field.
            case FieldEntity.Company when company is not null && string.IsNullOrWhiteSpace(field.Read(company)):
                Add(HygieneRules.RequiredFields, HygieneChecks.Missing, HygieneSubjects.Company, company.ExternalId, field.Name, HygieneSeverity.Error, $"{field.Name} of '{Clip(company.Name)}' is empty: {why}");
                break;
            case FieldEntity.Contact when !AnyContactHas(field, contacts):
                Add(HygieneRules.RequiredFields, HygieneChecks.Missing, HygieneSubjects.Deal, _deal.ExternalId, field.Name, HygieneSeverity.Error, $"no linked contact has {field.Name}: {why}");
                break;
            default:
                break;
        }
    }

    private static bool AnyContactHas(FieldAccessor field, List<Contact> contacts)
    {
        foreach (var contact in contacts)
        {
            if (!string.IsNullOrWhiteSpace(field.Read(contact)))
            {
                return true;
            }
        }

        return false;
    }

    private void CheckNaming(CompiledRuleSet rules, Company? company, CompanyVerdict? verdict)
    {
        if (company is null)
        {
            Add(HygieneRules.Naming, HygieneChecks.NoCompany, HygieneSubjects.Deal, _deal.ExternalId, HygieneFields.DealCompany, HygieneSeverity.Warning, $"'{Clip(_deal.Name)}' has no company, so it cannot follow the naming convention");
            return;
        }

        if (verdict?.NormalizedWebsite is not { Length: > 0 } website || string.IsNullOrWhiteSpace(company.Name))
        {
            var field = string.IsNullOrWhiteSpace(company.Name) ? CanonicalFields.CompanyName : CanonicalFields.CompanyWebsite;
            Add(HygieneRules.Naming, HygieneChecks.NoWebsite, HygieneSubjects.Company, company.ExternalId, field, HygieneSeverity.Warning, $"company '{Clip(company.Name)}' has no {(field == CanonicalFields.CompanyName ? "name" : "website")}, so '{Clip(_deal.Name)}' cannot follow the naming convention");
            return;
        }

        if (rules.Naming.Matches(_deal.Name, company.Website!, website, company.Name))
        {
            return;
        }

        var expected = rules.Naming.Render(website, company.Name);
        var fix = verdict.WebsiteWellFormed && expected.Length <= rules.MaxValueLength ? expected : null;
        Add(HygieneRules.Naming, HygieneChecks.OffConvention, HygieneSubjects.Deal, _deal.ExternalId, HygieneFields.DealName, HygieneSeverity.Warning, $"'{Clip(_deal.Name)}' should be '{Clip(expected)}'", fix);
    }

    private void CheckCompany(CompiledRuleSet rules, Company company, CompanyVerdict verdict)
    {
        if (rules.WebsiteOn && !string.IsNullOrWhiteSpace(company.Website) && !verdict.WebsiteWellFormed)
        {
            Add(HygieneRules.WebsiteFormat, HygieneChecks.Invalid, HygieneSubjects.Company, company.ExternalId, CanonicalFields.CompanyWebsite, HygieneSeverity.Warning, $"'{Clip(company.Website)}' is not a website");
        }

        if (rules.InnOn && verdict.InnCheck is { } innCheck)
        {
            var severity = innCheck == HygieneChecks.Untidy ? HygieneSeverity.Info : HygieneSeverity.Error;
            var detail = innCheck == HygieneChecks.Untidy ? $"INN '{Clip(company.Inn)}' should be written {verdict.InnFix}" : $"INN '{Clip(company.Inn)}' is not 10 or 12 digits with valid check digits";
            Add(HygieneRules.InnFormat, innCheck, HygieneSubjects.Company, company.ExternalId, CanonicalFields.CompanyInn, severity, detail, verdict.InnFix);
        }

        if (rules.PhoneOn && verdict.Phone is { } phone)
        {
            AddPhone(phone, HygieneSubjects.Company, company.ExternalId, CanonicalFields.CompanyPhone, company.Phone!);
        }
    }

    private void CheckContact(CompiledRuleSet rules, Contact contact, ContactVerdict verdict)
    {
        if (rules.EmailOn && verdict.EmailCheck is { } emailCheck)
        {
            var untidy = emailCheck == HygieneChecks.Untidy;
            Add(HygieneRules.EmailFormat, emailCheck, HygieneSubjects.Contact, contact.ExternalId, CanonicalFields.ContactEmail, untidy ? HygieneSeverity.Info : HygieneSeverity.Warning, untidy ? $"email '{Clip(contact.Email)}' has surrounding spaces" : $"'{Clip(contact.Email)}' is not an email address", verdict.EmailFix);
        }

        if (rules.PhoneOn && verdict.Phone is { } phone)
        {
            AddPhone(phone, HygieneSubjects.Contact, contact.ExternalId, CanonicalFields.ContactPhone, contact.Phone!);
        }
    }

    private void AddPhone(PhoneVerdict phone, string subject, string id, string field, string value)
    {
        if (phone.Kind == PhoneVerdictKind.Invalid)
        {
            Add(HygieneRules.PhoneFormat, HygieneChecks.Invalid, subject, id, field, HygieneSeverity.Warning, $"'{Clip(value)}' is not a phone number");
        }
        else if (phone.Kind == PhoneVerdictKind.NationalFormat)
        {
            var detail = phone.E164 is null ? $"'{Clip(value)}' has no country code" : $"'{Clip(value)}' has no country code; E.164: {phone.E164}";
            Add(HygieneRules.PhoneFormat, HygieneChecks.NationalFormat, subject, id, field, HygieneSeverity.Info, detail, phone.E164);
        }
    }

    private void CheckFormat(CompiledRuleSet rules, string field, HygieneFieldFormat format, string subject, string id, string value)
    {
        switch (format)
        {
            case HygieneFieldFormat.Number when !FieldValueCheck.IsNumber(value):
                Add(HygieneRules.FieldFormats, HygieneChecks.NotANumber, subject, id, field, HygieneSeverity.Warning, $"{field} '{Clip(value)}' is not a number");
                break;
            case HygieneFieldFormat.Date:
                var (check, fix) = FieldValueCheck.CheckDate(value);
                if (check is not null)
                {
                    var detail = check == HygieneChecks.NotADate ? $"{field} '{Clip(value)}' is not a date" : $"{field} '{Clip(value)}' is not an ISO date (yyyy-mm-dd)";
                    Add(HygieneRules.FieldFormats, check, subject, id, field, check == HygieneChecks.NotADate ? HygieneSeverity.Warning : HygieneSeverity.Info, detail, fix);
                }

                break;
            case HygieneFieldFormat.Email:
                var trimmed = value.Trim();
                if (!EmailValidator.IsValid(trimmed))
                {
                    Add(HygieneRules.FieldFormats, HygieneChecks.Invalid, subject, id, field, HygieneSeverity.Warning, $"{field} '{Clip(value)}' is not an email address");
                }
                else if (trimmed.Length != value.Length)
                {
                    Add(HygieneRules.FieldFormats, HygieneChecks.Untidy, subject, id, field, HygieneSeverity.Info, $"{field} '{Clip(value)}' has surrounding spaces", trimmed);
                }

                break;
            case HygieneFieldFormat.Phone:
                var phone = rules.Phone.Check(value);
                if (phone.Kind == PhoneVerdictKind.Invalid)
                {
                    Add(HygieneRules.FieldFormats, HygieneChecks.Invalid, subject, id, field, HygieneSeverity.Warning, $"{field} '{Clip(value)}' is not a phone number");
                }
                else if (phone.Kind == PhoneVerdictKind.NationalFormat)
                {
                    Add(HygieneRules.FieldFormats, HygieneChecks.NationalFormat, subject, id, field, HygieneSeverity.Info, $"{field} '{Clip(value)}' has no country code", phone.E164);
                }

                break;
            case HygieneFieldFormat.Website when !WebsiteNormalizer.IsWellFormed(value):
                Add(HygieneRules.FieldFormats, HygieneChecks.Invalid, subject, id, field, HygieneSeverity.Warning, $"{field} '{Clip(value)}' is not a website");
                break;
            case HygieneFieldFormat.Inn when !InnValidator.IsValid(value.AsSpan().Trim()):
                var tidy = InnValidator.TryTidy(value);
                Add(HygieneRules.FieldFormats, tidy is null ? HygieneChecks.Invalid : HygieneChecks.Untidy, subject, id, field, tidy is null ? HygieneSeverity.Error : HygieneSeverity.Info, $"{field} '{Clip(value)}' is not a valid INN", tidy);
                break;
            default:
                break;
        }
    }

    /// <summary>Checks each non-blank value of the field against the allowed values, or else the format.</summary>
    private void VisitValues(CompiledRuleSet rules, FieldAccessor field, Company? company, List<Contact> contacts, HashSet<string>? allowed, HygieneFieldFormat format)
    {
        var max = rules.MaxValueLength;
        switch (field.Entity)
        {
            case FieldEntity.Deal when Usable(field.Read(_deal), max) is { } value:
                Visit(rules, field.Name, HygieneSubjects.Deal, _deal.ExternalId, value, allowed, format);
                break;
            case FieldEntity.Company when company is not null && Usable(field.Read(company), max) is { } value:
                Visit(rules, field.Name, HygieneSubjects.Company, company.ExternalId, value, allowed, format);
                break;
            case FieldEntity.Contact:
                foreach (var contact in contacts)
                {
                    if (Usable(field.Read(contact), max) is { } contactValue)
                    {
                        Visit(rules, field.Name, HygieneSubjects.Contact, contact.ExternalId, contactValue, allowed, format);
                    }
                }

                break;
            default:
                break;
        }
    }

    private void Visit(CompiledRuleSet rules, string field, string subject, string id, string value, HashSet<string>? allowed, HygieneFieldFormat format)
    {
        if (allowed is null)
        {
            CheckFormat(rules, field, format, subject, id, value);
        }
        else if (!allowed.Contains(value.Trim()))
        {
            Add(HygieneRules.AllowedValues, HygieneChecks.NotAllowed, subject, id, field, HygieneSeverity.Warning, $"'{Clip(value)}' is not an allowed value of {field}");
        }
    }

    private CompanyVerdict CompanyVerdictFor(CompiledRuleSet rules, Company company)
    {
        var cache = Cache(_companies, rules);
        if (cache.TryGetValue(company.ExternalId, out var verdict))
        {
            return verdict;
        }

        var max = rules.MaxValueLength;
        var website = Usable(company.Website, max);
        var normalized = website is null ? null : WebsiteNormalizer.Normalize(website);
        var wellFormed = website is not null && WebsiteNormalizer.IsWellFormed(website, normalized!);
        string? innCheck = null;
        string? innFix = null;
        if (Usable(company.Inn, max) is { } inn && !InnValidator.IsValid(inn))
        {
            innFix = InnValidator.TryTidy(inn);
            innCheck = innFix is null ? HygieneChecks.Invalid : HygieneChecks.Untidy;
        }

        var phone = Usable(company.Phone, max) is { } raw ? rules.Phone.Check(raw) : (PhoneVerdict?)null;
        verdict = new CompanyVerdict(normalized, wellFormed, innCheck, innFix, phone is { Kind: PhoneVerdictKind.Ok } ? null : phone);
        cache[company.ExternalId] = verdict;
        return verdict;
    }

    private ContactVerdict ContactVerdictFor(CompiledRuleSet rules, Contact contact)
    {
        var cache = Cache(_contacts, rules);
        if (cache.TryGetValue(contact.ExternalId, out var verdict))
        {
            return verdict;
        }

        var max = rules.MaxValueLength;
        string? emailCheck = null;
        string? emailFix = null;
        if (Usable(contact.Email, max) is { } email)
        {
            var trimmed = email.Trim();
            if (!EmailValidator.IsValid(trimmed))
            {
                emailCheck = HygieneChecks.Invalid;
            }
            else if (trimmed.Length != email.Length)
            {
                emailCheck = HygieneChecks.Untidy;
                emailFix = trimmed;
            }
        }

        var phone = Usable(contact.Phone, max) is { } raw ? rules.Phone.Check(raw) : (PhoneVerdict?)null;
        verdict = new ContactVerdict(emailCheck, emailFix, phone is { Kind: PhoneVerdictKind.Ok } ? null : phone);
        cache[contact.ExternalId] = verdict;
        return verdict;
    }

    private static Dictionary<string, T> Cache<T>(Dictionary<CompiledRuleSet, Dictionary<string, T>> caches, CompiledRuleSet rules)
    {
        if (!caches.TryGetValue(rules, out var cache))
        {
            cache = new Dictionary<string, T>(StringComparer.Ordinal);
            caches[rules] = cache;
        }
        else if (cache.Count >= CacheLimit)
        {
            cache.Clear();
        }

        return cache;
    }

    /// <summary>A value worth checking: not blank and not oversized (an oversized value is its own finding).</summary>
    private static string? Usable(string? value, int max) => string.IsNullOrWhiteSpace(value) || value.Length > max ? null : value;

    private void Add(string rule, string check, string subject, string subjectId, string? field, HygieneSeverity severity, string detail, string? fix = null) =>
        sink.Add(new HygieneFinding
        {
            Connection = connection,
            DealId = _deal.ExternalId,
            Rule = rule,
            Check = check,
            Subject = subject,
            SubjectId = subjectId,
            Field = field,
            Severity = severity,
            OwnerId = _deal.OwnerId,
            PipelineId = _deal.PipelineId,
            Detail = detail,
            FixValue = fix,
        });

    /// <summary>Shortens a value for a detail line and drops control characters, which break terminals and CSV.</summary>
    internal static string Clip(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var span = value.AsSpan();
        var clipped = span.Length > DetailLength ? span[..DetailLength] : span;
        if (char.IsHighSurrogate(clipped[^1]))
        {
            clipped = clipped[..^1];
        }

        var hasControl = clipped.ContainsAnyInRange('\0', '\u001f') || clipped.Contains('\u007f');
        var text = hasControl ? string.Create(clipped.Length, clipped.ToString(), (dest, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                dest[i] = char.IsControl(src[i]) ? ' ' : src[i];
            }
        }) : clipped.ToString();
        return span.Length > DetailLength ? text + "…" : text;
    }
}
