using System.Data.Common;
using System.Globalization;

namespace CrmBridge.Storage.Relational.Mapping;

internal static class DbReaderExtensions
{
    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Reads a decimal without trailing zeros (1823000.0 reads as 1823000), so every backend returns the same value.</summary>
    public static decimal? GetNullableDecimal(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Normalize(Convert.ToDecimal(reader.GetValue(ordinal), CultureInfo.InvariantCulture));

    // Dividing by 1 with 28 trailing zeros keeps the value and drops the scale the source happened to carry.
    private static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    public static TEnum GetEnum<TEnum>(this DbDataReader reader, int ordinal)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(reader.GetString(ordinal));
}
