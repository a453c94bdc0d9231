using System.Buffers.Text;
using System.Text.Json;
using CrmBridge.Adapters.HubSpot.Models;

namespace CrmBridge.Adapters.HubSpot.Paging;

internal static class HubSpotPageTokenCodec
{
    public static string Encode(HubSpotPageToken token) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(token, HubSpotJsonContext.Default.HubSpotPageToken));

    public static HubSpotPageToken Decode(string token)
    {
        try
        {
            return JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), HubSpotJsonContext.Default.HubSpotPageToken)
                ?? throw new ArgumentException("The page token is empty.", nameof(token));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new ArgumentException("The page token was not issued by the HubSpot adapter.", nameof(token), ex);
        }
    }
}
