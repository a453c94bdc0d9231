using CrmBridge.Core.Model;

namespace CrmBridge.Core.Adapters;

/// <summary>
/// The port every CRM implements. One instance serves one connection; nothing outside the adapter sees the CRM's JSON.
/// Adapters translate wire failures into <see cref="Errors.CrmException"/> subclasses.
/// </summary>
public interface ICrmAdapter
{
    CrmKind Kind { get; }

    /// <summary>The connection name this adapter serves; every record it returns carries it.</summary>
    string Connection { get; }

    CrmCapabilities Capabilities { get; }

    Task<IReadOnlyList<Pipeline>> GetPipelinesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<Owner>> GetOwnersAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<FieldDefinition>> GetFieldDefinitionsAsync(CancellationToken cancellationToken);

    /// <summary>One page of deals. Start with <see cref="DealPageRequest.PageToken"/> null and pass each page's token back until it is null.</summary>
    Task<DealPage> GetDealsPageAsync(DealPageRequest request, CancellationToken cancellationToken);

    /// <summary>Ids of deals the CRM reports as deleted, archived or merged since a time (one page).</summary>
    /// <remarks>Only called when <see cref="CrmCapabilities.HasRemovedDealsFeed"/> is true.</remarks>
    Task<RemovedDealsPage> GetRemovedDealsPageAsync(DateTimeOffset? since, string? pageToken, CancellationToken cancellationToken);

    /// <summary>Companies by id; at most <see cref="CrmCapabilities.MaxBatchReadSize"/> ids per call.</summary>
    Task<IReadOnlyList<Company>> GetCompaniesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Contacts by id; at most <see cref="CrmCapabilities.MaxBatchReadSize"/> ids per call.</summary>
    Task<IReadOnlyList<Contact>> GetContactsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Finds a deal CrmBridge created earlier by the marker it wrote into it; null when there is none.</summary>
    Task<Deal?> FindDealByMarkerAsync(string marker, CancellationToken cancellationToken);

    /// <summary>Creates a deal and returns it as the CRM stored it.</summary>
    Task<Deal> CreateDealAsync(NewDeal deal, CancellationToken cancellationToken);

    /// <summary>Changes a deal's name, stage or fields and returns it as the CRM stored it.</summary>
    Task<Deal> UpdateDealAsync(DealUpdate update, CancellationToken cancellationToken);

    Task<CrmTask> CreateTaskAsync(NewTask task, CancellationToken cancellationToken);

    Task<Note> AddNoteAsync(NewNote note, CancellationToken cancellationToken);

    /// <summary>
    /// Finds a task on a deal whose text carries a marker CrmBridge appended to it (<see cref="Writes.CrmRecordMarker"/>);
    /// null when the deal has none. Lets a retry find a task whose create reached the CRM but whose outcome was lost.
    /// </summary>
    Task<CrmTask?> FindTaskByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken);

    /// <summary>Finds a note on a deal whose text carries a marker CrmBridge appended to it; null when the deal has none.</summary>
    Task<Note?> FindNoteByMarkerAsync(string dealId, string marker, CancellationToken cancellationToken);
}
