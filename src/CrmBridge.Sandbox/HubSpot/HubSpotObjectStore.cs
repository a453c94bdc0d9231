namespace CrmBridge.Sandbox.HubSpot;

/// <summary>
/// The objects of one type, indexed for paging by id and for search by modification time, so a page costs
/// O(log n + page size) however many objects there are.
/// </summary>
internal sealed class HubSpotObjectStore(HubSpotObjectType type, long firstId)
{
    private readonly Dictionary<long, HubSpotObject> byId = [];
    private readonly List<long> live = [];
    private readonly List<long> archived = [];
    private readonly List<(long Modified, long Id)> byModified = [];
    private bool seeding = true;
    private long nextId = firstId;

    public HubSpotObjectType Type { get; } = type;

    public int LiveCount => live.Count;

    public int ArchivedCount => archived.Count;

    public IEnumerable<HubSpotObject> All => byId.Values.OrderBy(o => o.Id);

    /// <summary>Adds a new object with the next id; during seeding the modification index is built once at the end.</summary>
    public HubSpotObject Add(DateTimeOffset createdAt, DateTimeOffset updatedAt, string? datasetKey = null)
    {
        var obj = new HubSpotObject(Type, nextId++, createdAt) { DatasetKey = datasetKey, UpdatedAt = updatedAt };
        obj.Properties["hs_object_id"] = Format.Id(obj.Id);
        obj.Properties["createdate"] = Format.Time(createdAt);
        obj.Properties[Type.ModifiedProperty] = Format.Time(updatedAt);
        byId.Add(obj.Id, obj);
        live.Add(obj.Id);
        if (!seeding)
        {
            Insert(byModified, (Format.Millis(updatedAt), obj.Id));
        }

        return obj;
    }

    public void FinishSeeding()
    {
        byModified.Clear();
        byModified.AddRange(live.Select(id => (Format.Millis(byId[id].UpdatedAt), id)));
        byModified.Sort();
        seeding = false;
    }

    public HubSpotObject? Find(long id) => byId.GetValueOrDefault(id);

    public HubSpotObject? FindLive(long id) => byId.TryGetValue(id, out var obj) && !obj.Archived ? obj : null;

    public HubSpotObject? FindLive(string id) => long.TryParse(id, out var value) ? FindLive(value) : null;

    /// <summary>Records a modification: bumps the modification property and the search index.</summary>
    public void Touch(HubSpotObject obj, DateTimeOffset at)
    {
        var updated = at > obj.UpdatedAt ? at : obj.UpdatedAt;
        if (!obj.Archived && !seeding)
        {
            Remove(byModified, (Format.Millis(obj.UpdatedAt), obj.Id));
            Insert(byModified, (Format.Millis(updated), obj.Id));
        }

        obj.UpdatedAt = updated;
        obj.Properties[Type.ModifiedProperty] = Format.Time(updated);
    }

    /// <summary>Archives without touching the modification time, as HubSpot does.</summary>
    public void Archive(HubSpotObject obj, DateTimeOffset at)
    {
        if (obj.Archived)
        {
            return;
        }

        Remove(live, obj.Id);
        Remove(byModified, (Format.Millis(obj.UpdatedAt), obj.Id));
        Insert(archived, obj.Id);
        obj.Archived = true;
        obj.ArchivedAt = at;
    }

    /// <summary>Up to <paramref name="limit"/> objects with id at or above <paramref name="fromId"/>, and the id the next page starts at.</summary>
    public (List<HubSpotObject> Page, long? NextId) Page(bool archivedOnes, long fromId, int limit)
    {
        var ids = archivedOnes ? archived : live;
        var start = LowerBound(ids, fromId);
        var end = Math.Min(ids.Count, start + limit);
        var page = new List<HubSpotObject>(end - start);
        for (var i = start; i < end; i++)
        {
            page.Add(byId[ids[i]]);
        }

        return (page, end < ids.Count ? ids[end] : null);
    }

    public int ModifiedCount => byModified.Count;

    /// <summary>Position of the first live object modified at or after <paramref name="millis"/>.</summary>
    public int FirstModifiedAtOrAfter(long millis) => LowerBound(byModified, (millis, long.MinValue));

    public HubSpotObject ModifiedAt(int position) => byId[byModified[position].Id];

    public IEnumerable<HubSpotObject> LiveById()
    {
        for (var i = 0; i < live.Count; i++)
        {
            yield return byId[live[i]];
        }
    }

    private static int LowerBound<T>(List<T> list, T value)
    {
        var index = list.BinarySearch(value);
        return index >= 0 ? index : ~index;
    }

    private static void Insert<T>(List<T> list, T value) => list.Insert(LowerBound(list, value), value);

    private static void Remove<T>(List<T> list, T value)
    {
        var index = list.BinarySearch(value);
        if (index >= 0)
        {
            list.RemoveAt(index);
        }
    }
}
