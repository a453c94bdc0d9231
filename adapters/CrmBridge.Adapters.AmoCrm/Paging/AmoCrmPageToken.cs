namespace CrmBridge.Adapters.AmoCrm.Paging;

/// <summary>
/// Where a lead listing continues, handed to callers as an opaque string. Leads are read by modification time ascending,
/// and each page restarts the query at the newest time seen (keyset paging), so leads changed or deleted while the
/// listing runs never shift a page boundary. Ids already returned at exactly <see cref="From"/> are skipped when they
/// come again; a run of more than a page at one second goes on with <see cref="Page"/>.
/// </summary>
internal sealed class AmoCrmPageToken
{
    /// <summary><c>filter[updated_at][from]</c>, Unix seconds.</summary>
    public long From { get; init; }

    public int Page { get; init; } = 1;

    /// <summary>Ids already returned with <c>updated_at</c> equal to <see cref="From"/>.</summary>
    public List<long>? Skip { get; init; }

    /// <summary>After the keyset pages: ids of leads with activity in the window that the pages did not return, still to read by id.</summary>
    public List<long>? Extra { get; init; }
}
