using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CrmBridge.Bench.Children;

namespace CrmBridge.Bench.Runs;

/// <summary>This bench started again in a child mode; talks the <see cref="ChildProtocol"/>.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                {
                    _errors.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    public static ChildProcess Start(params string[] args)
    {
        var path = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start a bench child process."));
    }

    /// <summary>Runs a child to its end and returns its result.</summary>
    public static async Task<T> RunAsync<T>(params string[] args)
    {
        await using var child = Start(args);
        var result = await child.ReadAsync<T>(ChildProtocol.Result);
        await child._process.WaitForExitAsync();
        return result;
    }

    /// <summary>Reads lines until one carries <paramref name="tag"/>, and parses its JSON.</summary>
    public async Task<T> ReadAsync<T>(string tag)
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(tag, StringComparison.Ordinal))
            {
                return JsonSerializer.Deserialize<T>(line[tag.Length..], ChildProtocol.Json)
                    ?? throw new InvalidOperationException($"The child sent an empty {tag.Trim()}.");
            }
        }

        await _process.WaitForExitAsync();
        string errors;
        lock (_errors)
        {
            errors = _errors.ToString();
        }

        throw new InvalidOperationException($"The child ended (exit {_process.ExitCode}) without {tag.Trim()}:{Environment.NewLine}{errors}");
    }

    /// <summary>Sends a command line and waits for its OK.</summary>
    public async Task CommandAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "OK")
            {
                return;
            }
        }

        throw new InvalidOperationException($"The child ended before answering '{command}'.");
    }

    /// <summary>Sends a command line that answers with one tagged JSON line before its OK, and returns that answer.</summary>
    public async Task<T> QueryAsync<T>(string command, string tag)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        var answer = await ReadAsync<T>(tag);
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "OK")
            {
                return answer;
            }
        }

        throw new InvalidOperationException($"The child ended before answering '{command}'.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
            }
            catch (IOException)
            {
                // Already gone.
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
