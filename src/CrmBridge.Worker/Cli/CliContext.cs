using Spectre.Console;

namespace CrmBridge.Worker.Cli;

/// <summary>Where a command writes: tables and progress to <see cref="Console"/>, machine output (json, csv) to <see cref="Out"/>, errors to <see cref="Error"/>.</summary>
/// <param name="Overrides">Configuration values layered over everything else (tests point commands at a sandbox with them).</param>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string?>? Overrides = null)
{
    public static CliContext ForProcess() => new(AnsiConsole.Console, System.Console.Out, System.Console.Error);

    /// <summary>True when a person is watching a terminal (progress bars), false under redirection and CI.</summary>
    public bool Interactive => Console.Profile.Capabilities.Interactive;
}
