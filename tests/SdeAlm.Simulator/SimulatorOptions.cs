using System.Globalization;

namespace SdeAlm.Simulator;

/// <summary>Process-wide settings taken from the command line.</summary>
internal sealed record SimulatorOptions(
    string Token,
    int Port,
    bool Https,
    int? Large,
    int? ParentPid,
    bool Proxy = false,
    string? ProxyCredential = null)
{
    public const string Usage =
        "usage: SdeAlm.Simulator --token <token> [--port <port>] [--https] [--large <N>] " +
        "[--parent-pid <pid>]\n" +
        "       SdeAlm.Simulator --proxy [--proxy-credential <user:password>] [--port <port>] " +
        "[--parent-pid <pid>]";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        string? token = null;
        int port = 0;
        bool https = false;
        int? large = null;
        int? parentPid = null;
        bool proxy = false;
        string? proxyCredential = null;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--token":
                    token = Value(args, ref i);
                    break;
                case "--port":
                    port = Integer(args, ref i, 0, 65535);
                    break;
                case "--https":
                    https = true;
                    break;
                case "--large":
                    large = Integer(args, ref i, 1, 1_000_000);
                    break;
                case "--parent-pid":
                    parentPid = Integer(args, ref i, 1, int.MaxValue);
                    break;
                case "--proxy":
                    proxy = true;
                    break;
                case "--proxy-credential":
                    proxyCredential = Value(args, ref i);
                    if (!proxyCredential.Contains(':', StringComparison.Ordinal))
                    {
                        throw new ArgumentException("--proxy-credential must be user:password");
                    }

                    break;
                default:
                    throw new ArgumentException($"unknown argument '{arg}'");
            }
        }

        if (string.IsNullOrEmpty(token) && !proxy)
        {
            throw new ArgumentException("--token is required");
        }

        if (proxyCredential is not null && !proxy)
        {
            throw new ArgumentException("--proxy-credential needs --proxy");
        }

        return new SimulatorOptions(token ?? string.Empty, port, https, large, parentPid, proxy, proxyCredential);
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{args[i]} needs a value");
        }

        return args[++i];
    }

    private static int Integer(IReadOnlyList<string> args, ref int i, int min, int max)
    {
        string name = args[i];
        string text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ||
            value < min || value > max)
        {
            throw new ArgumentException($"{name} must be an integer between {min} and {max}, not '{text}'");
        }

        return value;
    }
}
