using CrmBridge.Adapters.AmoCrm.Mapping;
using CrmBridge.Adapters.AmoCrm.Models;

namespace CrmBridge.Adapters.AmoCrm.Activity;

/// <summary>The newest status change and the newest activity per lead, from events read in any order.</summary>
internal sealed class AmoCrmActivityIndex
{
    private readonly Dictionary<long, Entry> _leads = [];

    public IEnumerable<long> LeadIds => _leads.Keys;

    public void Add(AmoCrmEvent item)
    {
        if (item.EntityId <= 0 || item.CreatedAt <= 0)
        {
            return;
        }

        if (!_leads.TryGetValue(item.EntityId, out var entry))
        {
            entry = new Entry();
            _leads[item.EntityId] = entry;
        }

        if (string.Equals(item.Type, AmoCrmLimits.StatusChangedEvent, StringComparison.Ordinal))
        {
            entry.StatusChangedAt = Math.Max(entry.StatusChangedAt ?? 0, item.CreatedAt);
        }
        else
        {
            entry.ActivityAt = Math.Max(entry.ActivityAt ?? 0, item.CreatedAt);
        }
    }

    public AmoCrmLeadActivity Get(long leadId) =>
        _leads.TryGetValue(leadId, out var entry)
            ? new AmoCrmLeadActivity(AmoCrmTime.FromUnix(entry.StatusChangedAt), AmoCrmTime.FromUnix(entry.ActivityAt))
            : AmoCrmLeadActivity.None;

    /// <summary>Whether both times of the lead are known (a lead may simply have neither).</summary>
    public bool IsComplete(long leadId) =>
        _leads.TryGetValue(leadId, out var entry) && entry.StatusChangedAt is not null && entry.ActivityAt is not null;

    private sealed class Entry
    {
        public long? StatusChangedAt { get; set; }

        public long? ActivityAt { get; set; }
    }
}
