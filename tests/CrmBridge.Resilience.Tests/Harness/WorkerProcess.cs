using System.Diagnostics;
using System.Text;

namespace CrmBridge.Resilience.Tests.Harness;

/// <summary>
/// The real <c>crmbridge</c> executable (built next to the tests) as a child process, configured through environment
/// variables the way an operator would (<c>CrmBridge__Connections__main__Token</c>), with its output captured.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Executable => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "crmbridge.exe" : "crmbridge");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static WorkerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> configuration, params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in configuration)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("crmbridge did not start"));
    }

    /// <summary>Runs a command to its end (or fails the test after <paramref name="timeout"/>).</summary>
    public static async Task<WorkerProcess> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> configuration, TimeSpan timeout, params string[] args)
    {
        var worker = Start(workingDirectory, configuration, args);
        if (!await worker.WaitAsync(timeout))
        {
            worker.Kill();
            throw new TimeoutException($"crmbridge {string.Join(' ', args)} did not end within {timeout}:\n{worker.Output}");
        }

        return worker;
    }

    /// <summary>Waits for the exit; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, as in a power cut or an OOM kill.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    public override string ToString() => $"exit {(_process.HasExited ? _process.ExitCode : -1)}\n{Output}";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
