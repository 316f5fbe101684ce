// SdeAlm.Simulator: a fake SD Elements ALM API for the SdeAlm tests (README.md lists every mode and endpoint).
//
//   dotnet SdeAlm.Simulator.dll --token <token> [--port 0] [--https] [--large N]
//                               [--parent-pid PID]
//   dotnet SdeAlm.Simulator.dll --proxy [--proxy-credential user:password] [--port 0] ...
//
// With --proxy it is instead a small loopback forward proxy (see ForwardProxy.cs).
// Prints "SIMULATOR_READY <base-url>" on stdout once listening, and nothing else there.
// Stops on SIGTERM/Ctrl+C, when stdin reaches end of file, or
// when the --parent-pid process is gone.

using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using SdeAlm.Simulator;

SimulatorOptions options;
try
{
    options = SimulatorOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    Console.Error.WriteLine(SimulatorOptions.Usage);
    return 2;
}

if (options.Proxy)
{
    return await RunProxyAsync(options).ConfigureAwait(false);
}

Catalog catalog;
try
{
    catalog = Catalog.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures"), options.Large);
}
catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: cannot load fixtures: {ex.Message}");
    return 1;
}

using X509Certificate2? certificate = options.Https ? SelfSignedCertificate.Create() : null;

// No args: our flags are not ASP.NET configuration keys.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = [],
    ContentRootPath = AppContext.BaseDirectory,
    EnvironmentName = Environments.Production,
});

// stdout is reserved for the ready line; diagnostics go to stderr, warnings and up only.
builder.Logging.ClearProviders();
builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

// The listener below is the only one; ignore ASPNETCORE_HTTP(S)_PORTS from the
// environment (set in the official container images) instead of warning about them.
builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, string.Empty);
builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, string.Empty);

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
    {
        if (certificate is not null)
        {
            listen.UseHttps(certificate);
        }
    });
});

WebApplication app = builder.Build();
try
{
    IHostApplicationLifetime lifetime = app.Lifetime;
    var handler = new SimulatorHandler(catalog, new RequestJournal(), options.Token, lifetime.ApplicationStopping);
    app.Run(handler.HandleAsync);

    try
    {
        await app.StartAsync().ConfigureAwait(false);
    }
    catch (IOException ex)
    {
        // Typically a fixed --port that is already taken.
        Console.Error.WriteLine($"error: cannot listen: {ex.Message}");
        return 1;
    }

    // With --port 0 the bound address is only known now; Kestrel reports e.g. "http://127.0.0.1:41234".
    string baseUrl = app.Urls.Single().TrimEnd('/') + "/";
    Console.Out.Write($"SIMULATOR_READY {baseUrl}\n");
    Console.Out.Flush();

    WatchStdin(lifetime.StopApplication);

    if (options.ParentPid is int parentPid)
    {
        _ = WatchParentAsync(parentPid, lifetime.StopApplication, lifetime.ApplicationStopping);
    }

    await app.WaitForShutdownAsync().ConfigureAwait(false);
}
finally
{
    await app.DisposeAsync().ConfigureAwait(false);
}

return 0;

// The --proxy mode: same ready line and the same ways to stop, no web server.
static async Task<int> RunProxyAsync(SimulatorOptions options)
{
    using var stopping = new CancellationTokenSource();
    using var proxy = new ForwardProxy(options.Port, options.ProxyCredential);
    int port;
    try
    {
        port = proxy.Start();
    }
    catch (System.Net.Sockets.SocketException ex)
    {
        Console.Error.WriteLine($"error: cannot listen: {ex.Message}");
        return 1;
    }

    Console.Out.Write($"SIMULATOR_READY http://127.0.0.1:{port}/\n");
    Console.Out.Flush();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stopping.Cancel();
    };

    WatchStdin(stopping.Cancel);

    if (options.ParentPid is int parentPid)
    {
        _ = WatchParentAsync(parentPid, stopping.Cancel, stopping.Token);
    }

    await proxy.RunAsync(stopping.Token).ConfigureAwait(false);
    return 0;
}

// A harness keeps our stdin open and closes it (or dies) to stop us. The blocking read
// runs on a background thread so it never holds the process open.
static void WatchStdin(Action stop)
{
    var thread = new Thread(() =>
    {
        try
        {
            using Stream stdin = Console.OpenStandardInput();
            byte[] buffer = new byte[256];
            while (stdin.Read(buffer, 0, buffer.Length) > 0)
            {
                // Input is ignored; only end of file matters.
            }
        }
        catch (IOException)
        {
            // A broken stdin counts as closed.
        }

        stop();
    })
    {
        IsBackground = true,
        Name = "stdin watcher",
    };
    thread.Start();
}

static async Task WatchParentAsync(int pid, Action stop, CancellationToken stopping)
{
    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
    try
    {
        do
        {
            if (!IsRunning(pid))
            {
                stop();
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
    }
    catch (OperationCanceledException)
    {
        // Shutting down for another reason.
    }
}

static bool IsRunning(int pid)
{
    try
    {
        using Process process = Process.GetProcessById(pid);
        return !process.HasExited;
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
    {
        return false;
    }
}
