using System.Text;
using CrmBridge.Sandbox.Server;

namespace CrmBridge.Sandbox.AmoCrm;

/// <summary>amoCRM's error bodies (<c>application/problem+json</c>); its 429 is plain text.</summary>
internal static class AmoCrmErrors
{
    public static SandboxHttpResponse Unauthorized() => Problem(401, "Unauthorized", "Неверный логин или пароль");

    public static SandboxHttpResponse NotFound(string detail) => Problem(404, "Not Found", detail);

    public static SandboxHttpResponse Internal(string detail) => Problem(500, "Internal Server Error", detail);

    public static SandboxHttpResponse BadRequest(string detail) => Problem(400, "Bad Request", detail);

    public static SandboxHttpResponse TooManyRequests() => new(429, Encoding.UTF8.GetBytes("Too Many Requests"));

    public static AmoCrmRequestException Validation(int item, string path, string code, string detail) =>
        new(new SandboxHttpResponse(400, AmoCrmJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("validation-errors");
            w.WriteStartObject();
            w.WriteString("request_id", item.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteStartArray("errors");
            w.WriteStartObject();
            w.WriteString("code", code);
            w.WriteString("path", path);
            w.WriteString("detail", detail);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("title", "Bad Request");
            w.WriteString("type", "https://httpstatus.es/400");
            w.WriteNumber("status", 400);
            w.WriteString("detail", "Request validation failed");
            w.WriteEndObject();
        })));

    public static AmoCrmRequestException OAuth(string hint) =>
        new(new SandboxHttpResponse(400, AmoCrmJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("hint", hint);
            w.WriteString("title", "Некорректный запрос");
            w.WriteString("type", "https://developers.amocrm.ru/v3/errors/OAuthProblemJson");
            w.WriteNumber("status", 400);
            w.WriteString("detail", "В запросе отсутствует ряд параметров или параметры невалидны");
            w.WriteEndObject();
        })));

    public static SandboxHttpResponse Problem(int status, string title, string detail) =>
        new(status, AmoCrmJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("title", title);
            w.WriteString("type", $"https://httpstatus.es/{status}");
            w.WriteNumber("status", status);
            w.WriteString("detail", detail);
            w.WriteEndObject();
        }));
}
