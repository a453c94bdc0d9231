using System.Globalization;
using System.Text.Json;
using CrmBridge.Worker.Cli;
using Spectre.Console;

namespace CrmBridge.Worker.Output;

/// <summary>Writes deal rows as a table, a JSON array or CSV (RFC 4180), streaming: rows are never all held at once for json and csv.</summary>
internal static class DealExport
{
    private static readonly string[] Headers =
    [
        "connection", "id", "name", "pipeline", "stage", "status", "amount", "currency", "owner", "company",
        "created_at", "updated_at", "stage_entered_at", "last_activity_at", "next_activity_at", "closed_at", "lost_reason",
    ];

    public static async Task<int> WriteAsync(CliContext context, IAsyncEnumerable<DealRow> rows, OutputFormat format, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case OutputFormat.Json:
                return await WriteJsonAsync(context.Out, rows, cancellationToken);
            case OutputFormat.Csv:
                return await WriteCsvAsync(context.Out, rows, cancellationToken);
            default:
                var table = new Table().AddColumns("Connection", "Id", "Name", "Pipeline", "Stage", "Status", "Amount", "Owner", "Company", "Updated");
                var count = 0;
                await foreach (var r in rows.WithCancellation(cancellationToken))
                {
                    table.AddRow(
                        TerminalText.Escape(r.Connection), TerminalText.Escape(r.Id), TerminalText.Escape(r.Name), TerminalText.Escape(r.Pipeline), TerminalText.Escape(r.Stage), r.Status,
                        r.Amount is { } a ? $"{a.ToString("N0", CultureInfo.InvariantCulture)} {r.Currency}" : "", TerminalText.Escape(r.Owner), TerminalText.Escape(r.Company),
                        r.UpdatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    count++;
                }

                context.Console.Write(table);
                context.Console.MarkupLine($"[grey]{count} deals[/]");
                return count;
        }
    }

    private static async Task<int> WriteJsonAsync(TextWriter output, IAsyncEnumerable<DealRow> rows, CancellationToken cancellationToken)
    {
        var count = 0;
        await output.WriteLineAsync("[");
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await output.WriteAsync((count++ == 0 ? "  " : ",\n  ") + JsonSerializer.Serialize(row, ReportJson.CompactOptions));
        }

        await output.WriteLineAsync(count == 0 ? "]" : "\n]");
        return count;
    }

    private static async Task<int> WriteCsvAsync(TextWriter output, IAsyncEnumerable<DealRow> rows, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(string.Join(',', Headers));
        var count = 0;
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            string?[] fields =
            [
                r.Connection, r.Id, r.Name, r.Pipeline, r.Stage, r.Status, r.Amount?.ToString(CultureInfo.InvariantCulture), r.Currency, r.Owner, r.Company,
                T(r.CreatedAt), T(r.UpdatedAt), T(r.StageEnteredAt), T(r.LastActivityAt), T(r.NextActivityAt), T(r.ClosedAt), r.LostReason,
            ];
            await output.WriteLineAsync(string.Join(',', fields.Select(Csv)));
            count++;
        }

        return count;
    }

    private static string? T(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Quotes a field when it holds a comma, quote or line break; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula.</summary>
    internal static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
