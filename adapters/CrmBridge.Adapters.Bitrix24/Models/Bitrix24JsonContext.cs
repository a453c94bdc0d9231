using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CrmBridge.Adapters.Bitrix24.Models;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Bitrix24Response<JsonElement>))]
[JsonSerializable(typeof(Bitrix24Response<Bitrix24ItemsResult>))]
[JsonSerializable(typeof(Bitrix24Response<Bitrix24ItemResult>))]
[JsonSerializable(typeof(Bitrix24Response<Bitrix24CategoriesResult>))]
[JsonSerializable(typeof(Bitrix24Response<List<Bitrix24Status>>))]
[JsonSerializable(typeof(Bitrix24Response<List<Bitrix24User>>))]
[JsonSerializable(typeof(Bitrix24Response<Bitrix24FieldsResult>))]
[JsonSerializable(typeof(Bitrix24Response<Bitrix24BatchResult>))]
[JsonSerializable(typeof(Bitrix24BatchRequest))]
[JsonSerializable(typeof(Bitrix24ItemsResult))]
[JsonSerializable(typeof(Bitrix24ItemResult))]
[JsonSerializable(typeof(Bitrix24FieldsResult))]
[JsonSerializable(typeof(List<Bitrix24Status>))]
[JsonSerializable(typeof(List<Bitrix24Activity>))]
[JsonSerializable(typeof(List<Bitrix24DealContact>))]
[JsonSerializable(typeof(Bitrix24TokenResponse))]
internal sealed partial class Bitrix24JsonContext : JsonSerializerContext;
