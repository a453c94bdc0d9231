using Spectre.Console;

namespace CrmBridge.Worker.Output;

/// <summary>
/// Text from a CRM or from configuration made safe for the operator's terminal: markup escaped, and control characters
/// (escape sequences, carriage returns, line breaks) and bidirectional overrides shown as U+FFFD, so a hostile value
/// can neither drive the terminal nor disguise the text around it.
/// </summary>
internal static class TerminalText
{
    private const char Replacement = '\uFFFD';

    public static string Escape(string? value) =>
        Markup.Escape(string.Create((value ?? "").Length, value ?? "", static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = IsUnsafe(text[i]) ? Replacement : text[i];
            }
        }));

    /// <summary>Several values, each escaped, one per line of a table cell.</summary>
    public static string Lines(IEnumerable<string?> values) => string.Join("\n", values.Select(Escape));

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
