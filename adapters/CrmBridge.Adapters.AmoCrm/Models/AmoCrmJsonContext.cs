using System.Text.Json.Serialization;
using CrmBridge.Adapters.AmoCrm.Paging;

namespace CrmBridge.Adapters.AmoCrm.Models;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(AmoCrmPage))]
[JsonSerializable(typeof(AmoCrmLead))]
[JsonSerializable(typeof(AmoCrmAccount))]
[JsonSerializable(typeof(List<AmoCrmLeadInput>))]
[JsonSerializable(typeof(AmoCrmLeadInput))]
[JsonSerializable(typeof(List<AmoCrmTaskInput>))]
[JsonSerializable(typeof(List<AmoCrmNoteInput>))]
[JsonSerializable(typeof(AmoCrmTokenRequest))]
[JsonSerializable(typeof(AmoCrmTokenResponse))]
[JsonSerializable(typeof(AmoCrmPageToken))]
internal sealed partial class AmoCrmJsonContext : JsonSerializerContext;
