namespace CrmBridge.Sandbox.Dataset;

/// <summary>
/// One logical, CRM-neutral sales dataset, deterministic from <see cref="SandboxSeedOptions"/>. Each sandbox dialect
/// renders it in its CRM's shape.
/// </summary>
public sealed class SandboxDataset
{
    private readonly Dictionary<string, SandboxCompany> companies;
    private readonly Dictionary<string, SandboxContact> contacts;
    private readonly Dictionary<string, SandboxOwner> owners;
    private readonly Dictionary<string, SandboxDeal> deals;

    internal SandboxDataset(
        SandboxSeedOptions options,
        IReadOnlyList<SandboxPipeline> pipelines,
        IReadOnlyList<SandboxOwner> ownerList,
        IReadOnlyList<SandboxCompany> companyList,
        IReadOnlyList<SandboxContact> contactList,
        IReadOnlyList<SandboxDeal> dealList,
        IReadOnlyList<SandboxDirt> dirt)
    {
        Options = options;
        Pipelines = pipelines;
        Owners = ownerList;
        Companies = companyList;
        Contacts = contactList;
        Deals = dealList;
        Dirt = dirt;
        owners = ownerList.ToDictionary(o => o.Key, StringComparer.Ordinal);
        companies = companyList.ToDictionary(c => c.Key, StringComparer.Ordinal);
        contacts = contactList.ToDictionary(c => c.Key, StringComparer.Ordinal);
        deals = dealList.ToDictionary(d => d.Key, StringComparer.Ordinal);
    }

    public SandboxSeedOptions Options { get; }

    /// <summary>The reference time: every time in the dataset is at or before it.</summary>
    public DateTimeOffset Now => Options.Now;

    /// <summary>The Sales pipeline, then the (empty) Client Success pipeline.</summary>
    public IReadOnlyList<SandboxPipeline> Pipelines { get; }

    public SandboxPipeline SalesPipeline => Pipelines[0];

    public SandboxPipeline ClientSuccessPipeline => Pipelines[1];

    public IReadOnlyList<SandboxOwner> Owners { get; }

    public IReadOnlyList<SandboxCompany> Companies { get; }

    public IReadOnlyList<SandboxContact> Contacts { get; }

    public IReadOnlyList<SandboxDeal> Deals { get; }

    /// <summary>What was seeded on purpose, in deal order and then <see cref="DirtKind"/> order; <see cref="DirtRules"/> defines each kind.</summary>
    public IReadOnlyList<SandboxDirt> Dirt { get; }

    /// <summary>Generates the dataset; the same options always give the same dataset.</summary>
    public static SandboxDataset Generate(SandboxSeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.DealCount);
        return new SandboxDatasetGenerator(options).Generate();
    }

    public SandboxOwner GetOwner(string key) => Find(owners, key, "owner");

    public SandboxCompany GetCompany(string key) => Find(companies, key, "company");

    public SandboxContact GetContact(string key) => Find(contacts, key, "contact");

    public SandboxDeal GetDeal(string key) => Find(deals, key, "deal");

    private static T Find<T>(Dictionary<string, T> map, string key, string what) =>
        map.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The dataset has no {what} {key}.");
}
