using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CrmBridge.Sandbox.Bitrix24;

/// <summary><c>batch</c>: up to 50 sub-calls in order, each able to use an earlier one's result through <c>$result[key][field]</c>.</summary>
internal sealed partial class Bitrix24Portal
{
    private const int MaxBatchCommands = 50;

    /// <summary>Runs the sub-calls; failures go to <c>result_error</c> and the batch itself still answers 200, as the portal does.</summary>
    public Bitrix24MethodResult Batch(JsonObject p)
    {
        var halt = Bitrix24Params.Scalar(Bitrix24Params.Get(p, "halt")) is "1" or "Y" or "true";
        var commands = Bitrix24Params.Get(p, "cmd") as JsonObject ?? throw Bitrix24SandboxException.Invalid("Parameter 'cmd' is required.");
        var results = new JsonObject();
        var errors = new JsonObject();
        var totals = new JsonObject();
        var nexts = new JsonObject();
        var index = 0;
        foreach (var (key, node) in commands)
        {
            index++;
            if (index > MaxBatchCommands)
            {
                errors[key] = Error("ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded");
                continue;
            }

            var command = Substitute(Bitrix24Params.Scalar(node) ?? "", results);
            var question = command.IndexOf('?', StringComparison.Ordinal);
            var method = question < 0 ? command : command[..question];
            try
            {
                if (string.Equals(method, "batch", StringComparison.OrdinalIgnoreCase))
                {
                    throw new Bitrix24SandboxException(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage");
                }

                var result = Call(method, Bitrix24Params.FromQuery(question < 0 ? "" : command[(question + 1)..]));
                results[key] = result.Result?.DeepClone() ?? new JsonArray();
                if (result.Total is { } total)
                {
                    totals[key] = total;
                }

                if (result.Next is { } next)
                {
                    nexts[key] = next;
                }
            }
            catch (Bitrix24SandboxException ex)
            {
                errors[key] = Error(ex.Code, ex.Description);
                if (halt)
                {
                    break;
                }
            }
        }

        return new(new JsonObject
        {
            ["result"] = EmptyAsArray(results),
            ["result_error"] = EmptyAsArray(errors),
            ["result_total"] = EmptyAsArray(totals),
            ["result_next"] = EmptyAsArray(nexts),
            ["result_time"] = new JsonArray(),
        });
    }

    // PHP writes an empty associative array as [].
    private static JsonNode EmptyAsArray(JsonObject obj) => obj.Count == 0 ? new JsonArray() : obj;

    private static JsonObject Error(string code, string description) => new() { ["error"] = code, ["error_description"] = description };

    private static string Substitute(string command, JsonObject results) =>
        ResultReference().Replace(command, match =>
        {
            JsonNode? node = results[match.Groups["key"].Value];
            foreach (Capture segment in match.Groups["path"].Captures)
            {
                node = node switch
                {
                    JsonObject obj => obj[segment.Value],
                    JsonArray array when int.TryParse(segment.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                    _ => null,
                };
            }

            return Uri.EscapeDataString(Bitrix24Params.Scalar(node) ?? "");
        });

    [GeneratedRegex(@"\$result\[(?<key>[^\]]+)\](?:\[(?<path>[^\]]+)\])*")]
    private static partial Regex ResultReference();
}
