using CrmBridge.Core.Model;

namespace CrmBridge.Sandbox.Dataset;

/// <summary>Builds the dataset and records the dirt it seeds as it seeds it (never by evaluating <see cref="DirtRules"/>).</summary>
internal sealed class SandboxDatasetGenerator
{
    private const int BaseCompanyCount = 120;
    private const int BaseContactCount = 250;
    private const double MissingInnRate = 0.08;
    private const double InvalidInnRate = 0.06;
    private const double SoleTraderRate = 0.15;
    private const double MalformedWebsiteRate = 0.04;
    private const double MissingPhoneRate = 0.10;
    private const double MalformedPhoneRate = 0.04;
    private const double MalformedEmailRate = 0.05;
    private const double MissingCompanyRate = 0.03;
    private const double MissingAmountRate = 0.04;
    private const double OffConventionRate = 0.08;
    private const double InnlessAtLateStageRate = 0.25;
    private const double StaleRate = 0.18;
    private const double NoNextActivityRate = 0.12;
    private const double LostWithoutReasonRate = 0.06;
    private const double MissingSourceRate = 0.05;
    private const int IdnEvery = 50;
    private const int IdnOffset = 7;

    private static readonly (string Key, string Name, double Weight)[] SalesStages =
    [
        (SandboxStageKeys.Unsorted, "Unsorted", 13),
        (SandboxStageKeys.Prospects, "Prospects", 12),
        (SandboxStageKeys.ContactsFound, "Contacts found", 10),
        (SandboxStageKeys.OutreachStarted, "Outreach started", 9),
        (SandboxStageKeys.Replied, "Replied", 6),
        (SandboxStageKeys.RepliedNegative, "Replied negative", 4),
        (SandboxStageKeys.TargetContactRepliedPositive, "Target contact replied positive", 4),
        (SandboxStageKeys.LeadQualified, "Lead qualified", 4),
        (SandboxStageKeys.DemoAppointed, "Demo appointed", 3),
        (SandboxStageKeys.DemoRun, "Demo run", 3),
        (SandboxStageKeys.TestStarted, "Test started", 2.5),
        (SandboxStageKeys.OfferSent, "Offer sent", 2.5),
        (SandboxStageKeys.Committed, "Committed", 1.5),
        (SandboxStageKeys.Signed, "Signed", 1.5),
        (SandboxStageKeys.Won, "Won", 8),
        (SandboxStageKeys.Lost, "Lost", 16),
    ];

    private readonly SandboxSeedOptions options;
    private readonly Random random;
    private readonly DateTimeOffset now;
    private readonly HashSet<string> innlessCompanies = new(StringComparer.Ordinal);
    private readonly HashSet<string> invalidInnCompanies = new(StringComparer.Ordinal);
    private readonly HashSet<string> malformedWebsiteCompanies = new(StringComparer.Ordinal);
    private readonly HashSet<string> malformedPhoneRecords = new(StringComparer.Ordinal);
    private readonly HashSet<string> malformedEmailContacts = new(StringComparer.Ordinal);

    public SandboxDatasetGenerator(SandboxSeedOptions options)
    {
        this.options = options;
        random = new Random(options.Seed);
        now = options.Now.ToUniversalTime();
    }

    public SandboxDataset Generate()
    {
        var pipelines = BuildPipelines();
        var owners = BuildOwners();
        var companies = BuildCompanies();
        var contacts = BuildContacts(companies);
        var contactsByCompany = contacts.GroupBy(c => c.CompanyKey).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var dirt = new List<SandboxDirt>();
        var deals = BuildDeals(pipelines[0], owners, companies, contactsByCompany, dirt);
        return new SandboxDataset(options, pipelines, owners, companies, contacts, deals, dirt);
    }

    private static List<SandboxPipeline> BuildPipelines()
    {
        var openCount = SalesStages.Length - 2;
        var sales = SalesStages.Select((s, i) => new SandboxStage(
            s.Key,
            s.Name,
            i + 1,
            s.Key switch
            {
                SandboxStageKeys.Won => StageOutcome.Won,
                SandboxStageKeys.Lost => StageOutcome.Lost,
                _ => StageOutcome.Open,
            },
            s.Key switch
            {
                SandboxStageKeys.Won => 1.0m,
                SandboxStageKeys.Lost => 0.0m,
                _ => Math.Round((i + 1m) / (openCount + 1m), 2),
            })).ToList();
        var clientSuccess = Enumerable.Range(1, 12)
            .Select(m => new SandboxStage(SandboxStageKeys.ClientSuccessMonth(m), $"Month {m}", m, StageOutcome.Open, 1.0m))
            .ToList();
        return
        [
            new SandboxPipeline(SandboxStageKeys.SalesPipeline, "Sales", 0, sales),
            new SandboxPipeline(SandboxStageKeys.ClientSuccessPipeline, "Client Success", 1, clientSuccess),
        ];
    }

    private static List<SandboxOwner> BuildOwners() =>
        [.. SandboxNames.Owners.Select((o, i) => new SandboxOwner(OwnerKey(i), o.First, o.Last, o.Email, o.IsManager, OwnerKey(o.Manager)))];

    private static string OwnerKey(int index) => $"owner-{index + 1}";

    private List<SandboxCompany> BuildCompanies()
    {
        var count = Math.Max(BaseCompanyCount, options.DealCount * 2 / 5);
        var roots = SandboxNames.CompanyRoots;
        var suffixes = SandboxNames.CompanySuffixes;
        var combos = roots.Length * suffixes.Length;
        var companies = new List<SandboxCompany>(count);
        for (var i = 0; i < count; i++)
        {
            var key = $"company-{i + 1:D5}";
            string name;
            string website;
            if (i % IdnEvery == IdnOffset)
            {
                var root = roots[i / IdnEvery % roots.Length];
                var round = i / IdnEvery / roots.Length;
                name = round == 0 ? root.Display : $"{root.Display} {round + 1}";
                website = round == 0 ? $"{root.Idn}.рф" : $"{root.Idn}{round + 1}.рф";
            }
            else
            {
                var root = roots[i % roots.Length];
                var suffix = suffixes[i / roots.Length % suffixes.Length];
                var round = i / combos;
                var tld = SandboxNames.TopLevelDomains[Pick(SandboxNames.TopLevelDomains.Length)];
                name = round == 0 ? $"{root.Display} {suffix.Display}" : $"{root.Display} {suffix.Display} {round + 1}";
                website = round == 0 ? $"{root.Latin}-{suffix.Latin}.{tld}" : $"{root.Latin}-{suffix.Latin}{round + 1}.{tld}";
                if (Chance(MalformedWebsiteRate))
                {
                    website = MalformWebsite(root.Latin, suffix.Latin, tld);
                    malformedWebsiteCompanies.Add(key);
                }
            }

            string? inn = null;
            var innIsValid = false;
            var innDraw = random.NextDouble();
            if (innDraw < MissingInnRate)
            {
                innlessCompanies.Add(key);
            }
            else
            {
                inn = ValidInn();
                innIsValid = true;
                if (innDraw < MissingInnRate + InvalidInnRate)
                {
                    inn = BreakCheckDigit(inn);
                    innIsValid = false;
                    invalidInnCompanies.Add(key);
                }
            }

            string? phone = null;
            var phoneDraw = random.NextDouble();
            if (phoneDraw >= MissingPhoneRate)
            {
                phone = $"+7 ({Digits(3, firstNonZero: true)}) {Digits(3)}-{Digits(2)}-{Digits(2)}";
                if (phoneDraw < MissingPhoneRate + MalformedPhoneRate)
                {
                    phone = MalformPhone();
                    malformedPhoneRecords.Add(key);
                }
            }

            var createdAt = Ago(Days(200, 400));
            companies.Add(new SandboxCompany(
                key,
                name,
                website,
                inn,
                innIsValid,
                SandboxNames.Industries[Pick(SandboxNames.Industries.Length)],
                phone,
                createdAt,
                Between(createdAt, now.AddDays(-1))));
        }

        return companies;
    }

    private List<SandboxContact> BuildContacts(List<SandboxCompany> companies)
    {
        var target = Math.Max(BaseContactCount, options.DealCount * 5 / 6);
        var perCompany = companies.Select(_ => 2).ToArray();
        for (var extra = target - (2 * companies.Count); extra > 0; extra--)
        {
            perCompany[Pick(companies.Count)]++;
        }

        var contacts = new List<SandboxContact>(target);
        for (var c = 0; c < companies.Count; c++)
        {
            var company = companies[c];
            var mailDomain = company.Website is { } site && site.All(char.IsAscii) && !malformedWebsiteCompanies.Contains(company.Key)
                ? site
                : SandboxNames.FreeMailDomains[Pick(SandboxNames.FreeMailDomains.Length)];
            for (var n = 0; n < perCompany[c]; n++)
            {
                var key = $"contact-{contacts.Count + 1:D6}";
                var first = SandboxNames.FirstNames[Pick(SandboxNames.FirstNames.Length)];
                var last = SandboxNames.LastNames[Pick(SandboxNames.LastNames.Length)];
                var lastLatin = first.Female ? last.Latin + "a" : last.Latin;
                var (position, role) = SandboxNames.Positions[Pick(SandboxNames.Positions.Length)];
                var email = $"{first.Latin}.{lastLatin}@{mailDomain}";
                if (Chance(MalformedEmailRate))
                {
                    email = MalformEmail(first.Latin, lastLatin, mailDomain);
                    malformedEmailContacts.Add(key);
                }

                var phone = $"+7 9{Digits(2)} {Digits(3)}-{Digits(2)}-{Digits(2)}";
                if (Chance(MalformedPhoneRate))
                {
                    phone = MalformPhone();
                    malformedPhoneRecords.Add(key);
                }

                var createdAt = Between(company.CreatedAt, now.AddDays(-2));
                contacts.Add(new SandboxContact(
                    key,
                    first.Display,
                    first.Female ? last.Female : last.Male,
                    position,
                    role,
                    email,
                    phone,
                    company.Key,
                    createdAt,
                    Between(createdAt, now.AddDays(-1))));
            }
        }

        return contacts;
    }

    private List<SandboxDeal> BuildDeals(
        SandboxPipeline sales,
        List<SandboxOwner> owners,
        List<SandboxCompany> companies,
        Dictionary<string, List<SandboxContact>> contactsByCompany,
        List<SandboxDirt> dirt)
    {
        var stageWeights = SalesStages.Select(s => s.Weight).ToArray();
        var ownerWeights = owners.Select(o => o.IsManager ? 1.0 : 2.0).ToArray();
        var companyOrder = Enumerable.Range(0, companies.Count).ToArray();
        random.Shuffle(companyOrder);
        var innless = companies.Where(c => innlessCompanies.Contains(c.Key)).ToList();
        var contactsFoundOrder = sales.GetStage(SandboxStageKeys.ContactsFound).Order;
        var deals = new List<SandboxDeal>(options.DealCount);

        for (var i = 0; i < options.DealCount; i++)
        {
            var key = $"deal-{i + 1:D6}";
            var stage = sales.Stages[PickWeighted(stageWeights)];
            var status = stage.Outcome switch
            {
                StageOutcome.Won => DealStatus.Won,
                StageOutcome.Lost => DealStatus.Lost,
                _ => DealStatus.Open,
            };
            var owner = owners[PickWeighted(ownerWeights)];

            var missingCompany = Chance(MissingCompanyRate);
            SandboxCompany? company = null;
            if (!missingCompany)
            {
                company = DirtRules.InnRequiredStageKeys.Contains(stage.Key) && innless.Count > 0 && Chance(InnlessAtLateStageRate)
                    ? innless[Pick(innless.Count)]
                    : i < companyOrder.Length ? companies[companyOrder[i]] : companies[Pick(companies.Count)];
            }

            var contacts = new List<SandboxContact>();
            if (company is not null && (stage.Order >= contactsFoundOrder || status != DealStatus.Open))
            {
                var pool = contactsByCompany[company.Key];
                var wanted = Math.Min(pool.Count, status == DealStatus.Open ? 1 + Pick(2) : Pick(3));
                contacts.AddRange(pool.OrderBy(_ => random.Next()).Take(wanted));
            }

            var missingAmount = Chance(MissingAmountRate);
            decimal? amount = missingAmount ? null : Amount();

            var offConvention = company is not null && Chance(OffConventionRate);
            var name = company is null
                ? $"{SandboxNames.NamelessDealNames[Pick(SandboxNames.NamelessDealNames.Length)]} #{i + 1}"
                : offConvention ? OffConventionName(company) : DirtRules.ExpectedDealName(company);

            var stale = false;
            var noNextActivity = false;
            var lostWithoutReason = false;
            DateTimeOffset createdAt;
            DateTimeOffset stageEnteredAt;
            DateTimeOffset? lastActivityAt;
            DateTimeOffset? nextActivityAt = null;
            DateTimeOffset? closedAt = null;
            string? lostReason = null;

            if (status == DealStatus.Open)
            {
                stale = Chance(StaleRate);
                noNextActivity = Chance(NoNextActivityRate);
                if (stale)
                {
                    // Well past the threshold, so millisecond truncation can never flip the rule.
                    var age = Days(45, 270);
                    createdAt = Ago(age);
                    var lastTouch = Ago(Days(31, age.TotalDays - 5));
                    stageEnteredAt = Between(createdAt, lastTouch);
                    lastActivityAt = Chance(0.4) ? null : lastTouch;
                }
                else
                {
                    var age = Days(0.5, 270);
                    createdAt = Ago(age);
                    var recent = Ago(Days(0.01, Math.Min(29, age.TotalDays)));
                    if (Chance(0.15))
                    {
                        stageEnteredAt = recent;
                        lastActivityAt = null;
                    }
                    else
                    {
                        stageEnteredAt = Between(createdAt, recent);
                        lastActivityAt = recent;
                    }
                }

                if (!noNextActivity)
                {
                    nextActivityAt = Truncate(now + Days(0.5, 14));
                }
            }
            else
            {
                var age = Days(20, 270);
                createdAt = Ago(age);
                closedAt = Between(createdAt.AddDays(7), now.AddDays(-1));
                stageEnteredAt = closedAt.Value;
                lastActivityAt = Max(createdAt, Truncate(closedAt.Value - Days(0, 3)));
                if (status == DealStatus.Lost)
                {
                    lostWithoutReason = Chance(LostWithoutReasonRate);
                    lostReason = lostWithoutReason ? null : SalesMethodDefaults.LossReasons[Pick(SalesMethodDefaults.LossReasons.Count)];
                }
            }

            var latest = Max(Max(createdAt, stageEnteredAt), Max(lastActivityAt ?? createdAt, closedAt ?? createdAt));
            var updatedAt = Min(Truncate(latest + TimeSpan.FromMinutes(random.NextDouble() * 60)), Truncate(now.AddSeconds(-1)));
            updatedAt = Max(updatedAt, latest);

            var deal = new SandboxDeal
            {
                Key = key,
                Name = name,
                PipelineKey = sales.Key,
                StageKey = stage.Key,
                Amount = amount,
                OwnerKey = owner.Key,
                CompanyKey = company?.Key,
                ContactKeys = [.. contacts.Select(c => c.Key)],
                CreatedAt = createdAt,
                UpdatedAt = updatedAt,
                StageEnteredAt = stageEnteredAt,
                LastActivityAt = lastActivityAt,
                NextActivityAt = nextActivityAt,
                Status = status,
                ClosedAt = closedAt,
                LostReason = lostReason,
                Source = Chance(MissingSourceRate) ? null : SalesMethodDefaults.DealSources[Pick(SalesMethodDefaults.DealSources.Count)].Value,
            };
            deals.Add(deal);

            void Seeded(DirtKind kind, string entity, string detail) => dirt.Add(new SandboxDirt(key, kind, entity, detail));
            if (status == DealStatus.Won)
            {
                Seeded(DirtKind.WonDeal, key, "won");
            }

            if (status == DealStatus.Lost)
            {
                Seeded(DirtKind.LostDeal, key, "lost");
            }

            if (missingCompany)
            {
                Seeded(DirtKind.MissingCompany, key, "no company");
            }

            if (missingAmount)
            {
                Seeded(DirtKind.MissingAmount, key, "no amount");
            }

            if (offConvention)
            {
                Seeded(DirtKind.OffNamingConvention, key, name);
            }

            if (company is not null)
            {
                if (innlessCompanies.Contains(company.Key) && DirtRules.InnRequiredStageKeys.Contains(stage.Key))
                {
                    Seeded(DirtKind.MissingInn, company.Key, stage.Key);
                }

                if (invalidInnCompanies.Contains(company.Key))
                {
                    Seeded(DirtKind.InvalidInn, company.Key, company.Inn!);
                }

                if (malformedWebsiteCompanies.Contains(company.Key))
                {
                    Seeded(DirtKind.MalformedWebsite, company.Key, company.Website!);
                }

                if (malformedPhoneRecords.Contains(company.Key))
                {
                    Seeded(DirtKind.MalformedPhone, company.Key, company.Phone!);
                }
            }

            foreach (var contact in contacts.Where(c => malformedPhoneRecords.Contains(c.Key)))
            {
                Seeded(DirtKind.MalformedPhone, contact.Key, contact.Phone!);
            }

            foreach (var contact in contacts.Where(c => malformedEmailContacts.Contains(c.Key)))
            {
                Seeded(DirtKind.MalformedEmail, contact.Key, contact.Email!);
            }

            if (stale)
            {
                Seeded(DirtKind.StaleNoActivity, key, DirtRules.IdleDetail(deal, now));
            }

            if (noNextActivity)
            {
                Seeded(DirtKind.NoNextActivity, key, "no next activity");
            }

            if (lostWithoutReason)
            {
                Seeded(DirtKind.LostWithoutReason, key, "no loss reason");
            }
        }

        return deals;
    }

    private string OffConventionName(SandboxCompany company) => Pick(4) switch
    {
        0 => company.Name,
        1 => $"{company.Name} - {company.Website}",
        2 => $"Сделка {company.Name}",
        _ => $"{company.Website}-{company.Name}",
    };

    private string MalformWebsite(string root, string suffix, string tld) => Pick(4) switch
    {
        0 => $"http//{root}-{suffix}.{tld}",
        1 => $"{root} {suffix}.{tld}",
        2 => $"www,{root}-{suffix}.{tld}",
        _ => $"{root}{suffix}",
    };

    private string MalformEmail(string first, string last, string domain) => Pick(4) switch
    {
        0 => $"{first}.{last}@{domain[..domain.LastIndexOf('.')]}",
        1 => $"{first}.{last}{domain}",
        2 => $"{first} {last}@{domain}",
        _ => $"{first}.{last}@@{domain}",
    };

    private string MalformPhone() => Pick(3) switch
    {
        0 => $"8 (9{Digits(2)}) {Digits(3)}-{Digits(2)}-{Digits(2)}",
        1 => $"+7 9{Digits(2)} {Digits(2)}-{Digits(2)}",
        _ => $"9{Digits(2)}{Digits(7)} доб. {Digits(2)}",
    };

    private string ValidInn()
    {
        var region = SandboxNames.InnRegions[Pick(SandboxNames.InnRegions.Length)];
        return InnChecksum.Complete(region + Digits(Chance(SoleTraderRate) ? 8 : 7));
    }

    private static string BreakCheckDigit(string inn)
    {
        var last = inn[^1] - '0';
        return inn[..^1] + (char)('0' + ((last + 1) % 10));
    }

    private decimal Amount()
    {
        var value = Math.Exp(Math.Log(150_000) + (random.NextDouble() * (Math.Log(12_000_000) - Math.Log(150_000))));
        return Math.Round((decimal)value / 1000m) * 1000m;
    }

    private string Digits(int count, bool firstNonZero = false)
    {
        Span<char> chars = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + (i == 0 && firstNonZero ? 1 + random.Next(9) : random.Next(10)));
        }

        return new string(chars);
    }

    private bool Chance(double probability) => random.NextDouble() < probability;

    private int Pick(int count) => random.Next(count);

    private int PickWeighted(double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private TimeSpan Days(double min, double max) => TimeSpan.FromDays(min + (random.NextDouble() * (max - min)));

    private DateTimeOffset Ago(TimeSpan span) => Truncate(now - span);

    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? from : Truncate(from + ((to - from) * random.NextDouble()));

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
