namespace CrmBridge.Worker.Cli;

/// <summary>Process exit codes, stable for scripts.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and found something to report (e.g. hygiene findings).</summary>
    public const int Findings = 1;

    /// <summary>Bad configuration or a failure.</summary>
    public const int Error = 2;
}
