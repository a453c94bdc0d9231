using System.CommandLine;

namespace CrmBridge.Worker.Cli;

/// <summary>Options several commands share, so each is spelled and described once.</summary>
internal static class CliOptions
{
    public static Option<string?> Config { get; } = new("--config")
    {
        Description = "A JSON file layered over the defaults in config/ (environment variables still override it).",
        Recursive = true,
    };

    public static Option<string?> Connection() => new("--connection")
    {
        Description = "Only this connection (a key under CrmBridge:Connections); default: every enabled connection.",
    };

    public static Option<OutputFormat> Format(params OutputFormat[] allowed)
    {
        var option = new Option<OutputFormat>("--format")
        {
            Description = $"Output format: {string.Join(" | ", allowed.Select(f => f.ToString().ToLowerInvariant()))}.",
            DefaultValueFactory = _ => OutputFormat.Table,
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<OutputFormat>();
            if (!allowed.Contains(value))
            {
                result.AddError($"--format {value.ToString().ToLowerInvariant()} is not available here; use {string.Join(" or ", allowed.Select(f => f.ToString().ToLowerInvariant()))}.");
            }
        });
        return option;
    }
}
