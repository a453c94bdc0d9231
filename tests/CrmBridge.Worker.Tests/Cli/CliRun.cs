using CrmBridge.Worker.Cli;
using Spectre.Console;
using Spectre.Console.Testing;

namespace CrmBridge.Worker.Tests.Cli;

/// <summary>Runs the real <c>crmbridge</c> command line in-process and captures what it prints.</summary>
internal sealed class CliRun
{
    private CliRun(int exitCode, string output, string console, string error)
    {
        ExitCode = exitCode;
        Output = output;
        Console = console;
        Error = error;
    }

    public int ExitCode { get; }

    /// <summary>Machine output (json, csv).</summary>
    public string Output { get; }

    /// <summary>Tables and progress.</summary>
    public string Console { get; }

    public string Error { get; }

    public static Task<CliRun> InvokeAsync(IReadOnlyDictionary<string, string?> overrides, params string[] args) =>
        InvokeAsync(overrides, CancellationToken.None, args);

    public static async Task<CliRun> InvokeAsync(IReadOnlyDictionary<string, string?> overrides, CancellationToken cancellationToken, params string[] args)
    {
        var console = new TestConsole().Width(250);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(console, output, error, overrides);
        var exitCode = await CrmBridgeCli.InvokeAsync(args, context, cancellationToken);
        return new CliRun(exitCode, output.ToString(), console.Output, error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- out\n{Output}\n--- console\n{Console}\n--- error\n{Error}";
}
