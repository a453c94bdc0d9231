using CrmBridge.Worker.Output;

namespace CrmBridge.Worker.Tests.Cli;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("Acme\u001b[2J\u001b]0;pwned\u0007", "Acme\uFFFD[[2J\uFFFD]]0;pwned\uFFFD")]
    [InlineData("line\r\nbreak", "line\uFFFD\uFFFDbreak")]
    [InlineData("invoice\u202Egpj.exe", "invoice\uFFFDgpj.exe")]
    [InlineData("\u2066isolated\u2069", "\uFFFDisolated\uFFFD")]
    public void Escape_ControlAndBidiCharacters_BecomeReplacementCharacters(string value, string expected) =>
        Assert.Equal(expected, TerminalText.Escape(value));

    [Theory]
    [InlineData("[red]Орион[/] 🚀", "[[red]]Орион[[/]] 🚀")]
    [InlineData(null, "")]
    public void Escape_PrintableText_KeptWithMarkupEscaped(string? value, string expected) =>
        Assert.Equal(expected, TerminalText.Escape(value));

    [Fact]
    public void Lines_EscapesEachValue_AndJoinsThemWithOwnLineBreaks() =>
        Assert.Equal("a\uFFFDb\n[[c]]", TerminalText.Lines(["a\nb", "[c]"]));
}
