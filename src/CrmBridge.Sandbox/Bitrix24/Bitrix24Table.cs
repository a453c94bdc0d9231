namespace CrmBridge.Sandbox.Bitrix24;

/// <summary>Records of one entity type in id order (ids only grow), with an index; deleted records leave every list.</summary>
internal sealed class Bitrix24Table(long firstId)
{
    private readonly List<Bitrix24Record> ordered = [];
    private readonly Dictionary<long, Bitrix24Record> byId = [];
    private long nextId = firstId;

    public int LiveCount => byId.Count;

    public IEnumerable<Bitrix24Record> Live => ordered.Where(r => !r.Deleted);

    public Bitrix24Record Add(string? datasetKey)
    {
        var record = new Bitrix24Record(nextId++, datasetKey);
        ordered.Add(record);
        byId[record.Id] = record;
        return record;
    }

    public Bitrix24Record? Find(long id) => byId.GetValueOrDefault(id);

    public void Delete(Bitrix24Record record)
    {
        record.Deleted = true;
        byId.Remove(record.Id);
    }

    /// <summary>Live records from the first id above <paramref name="afterId"/> on (binary search: the fast paging of big portals stays cheap).</summary>
    public IEnumerable<Bitrix24Record> From(long afterId)
    {
        var low = 0;
        var high = ordered.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (ordered[mid].Id <= afterId)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        for (var i = low; i < ordered.Count; i++)
        {
            if (!ordered[i].Deleted)
            {
                yield return ordered[i];
            }
        }
    }
}
