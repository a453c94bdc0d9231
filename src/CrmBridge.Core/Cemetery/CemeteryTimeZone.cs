namespace CrmBridge.Core.Cemetery;

/// <summary>Finds the team's time zone by IANA (or Windows) id.</summary>
public static class CemeteryTimeZone
{
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    public static TimeZoneInfo Find(string? id) =>
        TryFind(id, out var zone) ? zone : throw new InvalidOperationException($"{CemeteryOptions.SectionName}:TimeZone '{id}' is not a known time zone id.");
}
