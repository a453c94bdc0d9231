using System.Data.Common;
using System.Text;
using System.Text.Json;
using CrmBridge.Core.Hygiene;
using CrmBridge.Core.Model;

namespace CrmBridge.Storage.Relational.Mapping;

/// <summary>
/// Reads deals for a hygiene sweep: only the columns the sweep asks for, the status as a number, the amount's value
/// only when asked, and the custom fields and contact ids parsed from reused buffers with their repeating keys and
/// values pooled, and a short document seen before (deals of one template or company repeat them) not parsed again:
/// the same text gives the same, shared, read-only result. One instance per stream (it holds buffers). Malformed JSON, a non-string field value or an unknown
/// status fail as <see cref="DealMapping.Read"/> fails on them.
/// </summary>
internal sealed class SweepDealReader
{
    private const int Id = 0;
    private const int Name = 1;
    private const int Pipeline = 2;
    private const int Stage = 3;
    private const int Owner = 4;
    private const int Company = 5;
    private const int Contacts = 6;
    private const int StatusCode = 7;
    private const int Status = 8;
    private const int LostReason = 9;
    private const int Fields = 10;
    private const int Amount = 11;
    private const int Optional = 12;
    private const int MaxRememberedLength = 256;
    private const int MaxRemembered = 4096;

    private static readonly IReadOnlyDictionary<string, string?> NoFields = new Dictionary<string, string?>();

    private readonly string _connection;
    private readonly HygieneDealMembers _members;
    private readonly RelationalDialect _dialect;
    private readonly int _currency = -1;
    private readonly int _activity = -1;
    private readonly int _closedAt = -1;
    private readonly int _recordTimes = -1;
    private readonly StringPool _pool = new(maxEntries: 20_000, maxLength: 64);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string?>> _fieldsByJson = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _listsByJson = new(StringComparer.Ordinal);
    private byte[] _bytes = new byte[1024];
    private char[] _chars = new char[256];

    public SweepDealReader(string connection, HygieneDealMembers members, RelationalDialect dialect)
    {
        _connection = connection;
        _members = members;
        _dialect = dialect;
        var columns = new StringBuilder(
            "external_id, name, pipeline_id, stage_id, owner_id, company_id, contact_ids, " +
            "CASE status WHEN 'Open' THEN 0 WHEN 'Won' THEN 1 WHEN 'Lost' THEN 2 ELSE -1 END, status, lost_reason, fields, amount");
        var next = Optional;
        if (members.HasFlag(HygieneDealMembers.Currency))
        {
            columns.Append(", currency");
            _currency = next++;
        }

        if (members.HasFlag(HygieneDealMembers.ActivityTimes))
        {
            columns.Append(", last_activity_at, next_activity_at");
            _activity = next;
            next += 2;
        }

        if (members.HasFlag(HygieneDealMembers.ClosedAt))
        {
            columns.Append(", closed_at");
            _closedAt = next++;
        }

        if (members.HasFlag(HygieneDealMembers.RecordTimes))
        {
            columns.Append(", created_at, updated_at, stage_entered_at");
            _recordTimes = next;
        }

        Columns = columns.ToString();
    }

    public string Columns { get; }

    public Deal Read(DbDataReader reader) => new()
    {
        Connection = _connection,
        ExternalId = reader.GetString(Id),
        Name = reader.GetString(Name),
        PipelineId = reader.GetString(Pipeline),
        StageId = reader.GetString(Stage),
        OwnerId = reader.GetNullableString(Owner),
        CompanyId = reader.GetNullableString(Company),
        ContactIds = ReadList(reader.GetString(Contacts)),
        Status = ReadStatus(reader),
        LostReason = reader.GetNullableString(LostReason),
        Fields = ReadFields(reader.GetString(Fields)),
        Amount = _members.HasFlag(HygieneDealMembers.Amount) ? reader.GetNullableDecimal(Amount) : reader.IsDBNull(Amount) ? null : 0m,
        Currency = _currency < 0 ? null : reader.GetNullableString(_currency),
        LastActivityAt = _activity < 0 ? null : _dialect.ReadNullableTime(reader, _activity),
        NextActivityAt = _activity < 0 ? null : _dialect.ReadNullableTime(reader, _activity + 1),
        ClosedAt = _closedAt < 0 ? null : _dialect.ReadNullableTime(reader, _closedAt),
        CreatedAt = _recordTimes < 0 ? default : _dialect.ReadTime(reader, _recordTimes),
        UpdatedAt = _recordTimes < 0 ? default : _dialect.ReadTime(reader, _recordTimes + 1),
        StageEnteredAt = _recordTimes < 0 ? null : _dialect.ReadNullableTime(reader, _recordTimes + 2),
    };

    private static DealStatus ReadStatus(DbDataReader reader) => reader.GetInt32(StatusCode) switch
    {
        0 => DealStatus.Open,
        1 => DealStatus.Won,
        2 => DealStatus.Lost,
        _ => reader.GetEnum<DealStatus>(Status),
    };

    /// <summary>As <see cref="JsonText.ReadFields"/>.</summary>
    private IReadOnlyDictionary<string, string?> ReadFields(string json)
    {
        if (json is JsonText.EmptyObject)
        {
            return NoFields;
        }

        var remember = json.Length <= MaxRememberedLength;
        if (remember && _fieldsByJson.TryGetValue(json, out var known))
        {
            return known;
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Utf8(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = Pooled(ref reader);
            reader.Read();
            fields[key] = reader.TokenType == JsonTokenType.Null ? null : Pooled(ref reader);
        }

        if (remember && _fieldsByJson.Count < MaxRemembered)
        {
            _fieldsByJson[json] = fields;
        }

        return fields;
    }

    /// <summary>As <see cref="JsonText.ReadList"/>.</summary>
    private IReadOnlyList<string> ReadList(string json)
    {
        if (json is JsonText.EmptyArray)
        {
            return [];
        }

        var remember = json.Length <= MaxRememberedLength;
        if (remember && _listsByJson.TryGetValue(json, out var known))
        {
            return known;
        }

        var values = new List<string>(2);
        var reader = new Utf8JsonReader(Utf8(json));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            values.Add(Pooled(ref reader));
        }

        if (remember && _listsByJson.Count < MaxRemembered)
        {
            _listsByJson[json] = values;
        }

        return values;
    }

    private ReadOnlySpan<byte> Utf8(string json)
    {
        var length = Encoding.UTF8.GetMaxByteCount(json.Length);
        if (length > _bytes.Length)
        {
            _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
        }

        return _bytes.AsSpan(0, Encoding.UTF8.GetBytes(json, _bytes));
    }

    /// <summary>The current property name or string value; any other token throws as <see cref="Utf8JsonReader.GetString"/> does.</summary>
    private string Pooled(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            return reader.GetString()!;
        }

        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (length > _chars.Length)
        {
            _chars = new char[Math.Max(length, _chars.Length * 2)];
        }

        return _pool.Get(_chars.AsSpan(0, reader.CopyString(_chars)));
    }
}
