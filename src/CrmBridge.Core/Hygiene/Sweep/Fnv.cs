namespace CrmBridge.Core.Hygiene.Sweep;

/// <summary>64-bit FNV-1a over UTF-16 code units: the keys of the cross-deal rules, so they hold no strings per deal.</summary>
internal static class Fnv
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Hash(ReadOnlySpan<char> value, ulong seed = Offset)
    {
        var hash = seed;
        foreach (var c in value)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }

    /// <summary>A name compared ignoring case, surrounding spaces and runs of inner spaces, within a pipeline.</summary>
    public static ulong NameKey(int pipeline, ReadOnlySpan<char> name)
    {
        var hash = (Offset ^ (ulong)(uint)pipeline) * Prime;
        var pendingSpace = false;
        foreach (var c in name.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                hash = (hash ^ ' ') * Prime;
                pendingSpace = false;
            }

            hash = (hash ^ char.ToUpperInvariant(c)) * Prime;
        }

        return hash;
    }

    public static ulong Key(int pipeline, ReadOnlySpan<char> id) => Hash(id, (Offset ^ (ulong)(uint)pipeline) * Prime);
}
