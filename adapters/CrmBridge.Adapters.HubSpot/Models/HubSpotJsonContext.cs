using System.Text.Json.Serialization;
using CrmBridge.Adapters.HubSpot.Paging;

namespace CrmBridge.Adapters.HubSpot.Models;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(HubSpotPage<HubSpotObject>))]
[JsonSerializable(typeof(HubSpotPage<HubSpotOwner>))]
[JsonSerializable(typeof(HubSpotPage<HubSpotPipeline>))]
[JsonSerializable(typeof(HubSpotPage<HubSpotProperty>))]
[JsonSerializable(typeof(HubSpotSearchRequest))]
[JsonSerializable(typeof(HubSpotSearchPage))]
[JsonSerializable(typeof(HubSpotBatchReadRequest))]
[JsonSerializable(typeof(HubSpotBatchResult<HubSpotObject>))]
[JsonSerializable(typeof(HubSpotAssociationBatchRequest))]
[JsonSerializable(typeof(HubSpotBatchResult<HubSpotAssociationBatchItem>))]
[JsonSerializable(typeof(HubSpotObjectInput))]
[JsonSerializable(typeof(HubSpotObject))]
[JsonSerializable(typeof(HubSpotPageToken))]
internal sealed partial class HubSpotJsonContext : JsonSerializerContext;
