using System.Buffers.Text;
using System.Text.Json;
using CrmBridge.Adapters.AmoCrm.Models;

namespace CrmBridge.Adapters.AmoCrm.Paging;

internal static class AmoCrmPageTokenCodec
{
    public static string Encode(AmoCrmPageToken token) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(token, AmoCrmJsonContext.Default.AmoCrmPageToken));

    public static AmoCrmPageToken Decode(string token)
    {
        try
        {
            return JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), AmoCrmJsonContext.Default.AmoCrmPageToken)
                ?? throw new ArgumentException("The page token is empty.", nameof(token));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new ArgumentException("The page token was not issued by the amoCRM adapter.", nameof(token), ex);
        }
    }
}
