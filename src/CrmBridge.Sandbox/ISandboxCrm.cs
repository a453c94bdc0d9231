using CrmBridge.Core.Connections;
using CrmBridge.Core.Model;

namespace CrmBridge.Sandbox;

/// <summary>
/// One CRM dialect of the sandbox, seen through the logical dataset's keys, so the same scenario (change a deal, archive
/// one, expire the token) can run against every CRM. Each dialect also has its own richer type (e.g. <c>HubSpotSandbox</c>).
/// </summary>
public interface ISandboxCrm
{
    CrmKind Kind { get; }

    Uri BaseUrl { get; }

    /// <summary>Live deals the CRM serves now.</summary>
    int DealCount { get; }

    IReadOnlyList<SandboxRequest> Requests { get; }

    void ResetRequestLog();

    /// <summary>A connection to this CRM, ready for <c>CrmBridge:Connections</c>; the name defaults to <c>sandbox-{kind}</c>.</summary>
    ConnectionOptions CreateConnectionOptions(string? name = null);

    string GetDealId(string dealKey);

    /// <summary>The dataset key of a deal id; null for deals created through the API.</summary>
    string? FindDealKey(string dealId);

    string GetCompanyId(string companyKey);

    string GetContactId(string contactKey);

    string GetOwnerId(string ownerKey);

    /// <summary>The CRM's id for a dataset pipeline key.</summary>
    string GetPipelineId(string pipelineKey);

    /// <summary>The CRM's id for a dataset stage (stage ids may be per pipeline, as in amoCRM and Bitrix24).</summary>
    string GetStageId(string pipelineKey, string stageKey);

    /// <summary>
    /// Stages the CRM itself puts into a pipeline beyond the dataset's own (amoCRM: each pipeline's unsorted status and the
    /// statuses 142 won and 143 lost); none for most CRMs.
    /// </summary>
    IReadOnlyList<string> GetSystemStageIds(string pipelineKey) => [];

    /// <summary>Moves a deal to a stage as a CRM user would (its modification time moves on).</summary>
    void MoveDealToStage(string dealId, string pipelineKey, string stageKey);

    /// <summary>Renames a deal as a CRM user would.</summary>
    void RenameDeal(string dealId, string name);

    /// <summary>Deletes or archives the deal the way this CRM does.</summary>
    void RemoveDeal(string dealId);

    /// <summary>Makes the current credentials fail as an expired token does.</summary>
    void ExpireToken();

    /// <summary>The deal as the CRM holds it now, in the common model's terms, for asserting on writes.</summary>
    SandboxDealState GetDealState(string dealId);
}
