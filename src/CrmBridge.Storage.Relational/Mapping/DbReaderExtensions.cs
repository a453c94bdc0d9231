using System.Data.Common;
using System.Globalization;

namespace CrmBridge.Storage.Relational.Mapping;

internal static class DbReaderExtensions
{
    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static decimal? GetNullableDecimal(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToDecimal(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static TEnum GetEnum<TEnum>(this DbDataReader reader, int ordinal)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(reader.GetString(ordinal));
}
