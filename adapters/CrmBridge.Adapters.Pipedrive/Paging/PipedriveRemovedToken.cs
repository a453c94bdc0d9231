namespace CrmBridge.Adapters.Pipedrive.Paging;

/// <summary>Where a read of removed deals stands: the phase (deleted, then archived) and Pipedrive's cursor within it.</summary>
internal readonly record struct PipedriveRemovedToken(string Phase, string? Cursor)
{
    public const string DeletedPhase = "deleted";
    public const string ArchivedPhase = "archived";

    public static PipedriveRemovedToken Parse(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new(DeletedPhase, null);
        }

        var separator = token.IndexOf(':', StringComparison.Ordinal);
        var phase = separator < 0 ? token : token[..separator];
        return phase is DeletedPhase or ArchivedPhase
            ? new(phase, separator < 0 || separator == token.Length - 1 ? null : token[(separator + 1)..])
            : throw new ArgumentException("The page token was not issued by the Pipedrive adapter.", nameof(token));
    }

    public static string Format(string phase, string? cursor) => $"{phase}:{cursor}";
}
