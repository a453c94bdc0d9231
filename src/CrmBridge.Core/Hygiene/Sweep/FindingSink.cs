namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>Collects the findings of one chunk, each (deal, key) once, and keeps the sweep's counts by rule and owner.</summary>
internal sealed class FindingSink
{
    private int _dealStart;

    public List<HygieneFinding> Chunk { get; private set; } = [];

    public Dictionary<string, long> ByRule { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long> ByOwner { get; } = new(StringComparer.Ordinal);

    public long Total { get; private set; }

    /// <summary>Marks where the current deal's findings start, for de-duplication within a deal.</summary>
    public void BeginDeal() => _dealStart = Chunk.Count;

    public void Add(HygieneFinding finding)
    {
        for (var i = _dealStart; i < Chunk.Count; i++)
        {
            var other = Chunk[i];
            if (other.DealId == finding.DealId && other.Rule == finding.Rule && other.Check == finding.Check
                && other.Subject == finding.Subject && other.SubjectId == finding.SubjectId && other.Field == finding.Field)
            {
                return;
            }
        }

        Chunk.Add(finding);
        Count(finding);
    }

    /// <summary>Adds a finding about a deal other than the current one (cross-deal rules); the caller guarantees it is new.</summary>
    public void AddOther(HygieneFinding finding)
    {
        Chunk.Add(finding);
        Count(finding);
    }

    public void ClearChunk()
    {
        Chunk.Clear();
        _dealStart = 0;
    }

    /// <summary>Hands the chunk's findings over (to be written while the next chunk is checked) and starts a new chunk.</summary>
    public List<HygieneFinding> TakeChunk()
    {
        var taken = Chunk;
        Chunk = new List<HygieneFinding>(taken.Count);
        _dealStart = 0;
        return taken;
    }

    private void Count(HygieneFinding finding)
    {
        Total++;
        ByRule[finding.Rule] = ByRule.GetValueOrDefault(finding.Rule) + 1;
        var owner = finding.OwnerId ?? "";
        ByOwner[owner] = ByOwner.GetValueOrDefault(owner) + 1;
    }
}
