namespace CrmBridge.Storage.Relational.Mapping;

/// <summary>64-bit FNV-1a hashes of a finding's identity (deal and key) and of its content, to diff a sweep against the open findings without keeping their text.</summary>
internal static class HygieneFindingHash
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Identity(string dealId, string rule, string check, string subject, string subjectId, string? field)
    {
        var hash = Add(Offset, dealId);
        hash = Add(hash, rule);
        hash = Add(hash, check);
        hash = Add(hash, subject);
        hash = Add(hash, subjectId);
        return Add(hash, field);
    }

    public static ulong Content(string severity, string? owner, string? pipeline, string detail, string? fix)
    {
        var hash = Add(Offset, severity);
        hash = Add(hash, owner);
        hash = Add(hash, pipeline);
        hash = Add(hash, detail);
        return Add(hash, fix);
    }

    private static ulong Add(ulong hash, string? value)
    {
        if (value is null)
        {
            return (hash ^ 0xFFFF) * Prime;
        }

        foreach (var c in value)
        {
            hash = (hash ^ c) * Prime;
        }

        return (hash ^ 0x1F) * Prime;
    }
}
