using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.Pipedrive.Models;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(PipedriveResponse<List<PipedriveDeal>>))]
[JsonSerializable(typeof(PipedriveResponse<PipedriveDeal>))]
[JsonSerializable(typeof(PipedriveResponse<List<PipedrivePipeline>>))]
[JsonSerializable(typeof(PipedriveResponse<List<PipedriveStage>>))]
[JsonSerializable(typeof(PipedriveResponse<List<PipedriveUser>>))]
[JsonSerializable(typeof(PipedriveResponse<List<PipedriveField>>))]
[JsonSerializable(typeof(PipedriveResponse<List<PipedriveOrganization>>))]
[JsonSerializable(typeof(PipedriveResponse<List<PipedrivePerson>>))]
[JsonSerializable(typeof(PipedriveResponse<List<PipedriveActivity>>))]
[JsonSerializable(typeof(PipedriveResponse<PipedriveActivity>))]
[JsonSerializable(typeof(PipedriveResponse<PipedriveNote>))]
[JsonSerializable(typeof(PipedriveResponse<List<PipedriveNote>>))]
[JsonSerializable(typeof(PipedriveResponse<PipedriveSearchResult>))]
[JsonSerializable(typeof(PipedriveResponse<JsonElement>))]
[JsonSerializable(typeof(PipedriveDealInput))]
[JsonSerializable(typeof(PipedriveActivityInput))]
[JsonSerializable(typeof(PipedriveNoteInput))]
[JsonSerializable(typeof(PipedriveParticipantInput))]
internal sealed partial class PipedriveJsonContext : JsonSerializerContext;
