// Compiled by Invoke-Benchmark.ps1 with Add-Type: the reference points the module is compared with.
// Everything here is what a hand-written client would do at best, so the module has no handicap.
using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

public static class SdeBenchWire
{
    private static readonly byte[] Scratch = new byte[81920];

    /// <summary>GET with the module's headers; the answer's bytes end up in one array.</summary>
    public static byte[] Download(HttpClient http, Uri uri, string authorization)
    {
        using var response = Send(http, uri, authorization);
        return response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
    }

    /// <summary>GET with the module's headers; the answer is read and dropped (the wire alone).</summary>
    public static long DownloadAndDiscard(HttpClient http, Uri uri, string authorization)
    {
        using var response = Send(http, uri, authorization);
        using var body = response.Content.ReadAsStreamAsync().GetAwaiter().GetResult();
        long total = 0;
        int read;
        while ((read = body.Read(Scratch, 0, Scratch.Length)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>POSTs each body in turn with the module's headers and reads each answer: a script's 500 creations at best.</summary>
    public static int PostAll(HttpClient http, Uri uri, string authorization, string[] bodies)
    {
        var created = 0;
        foreach (var body in bodies)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri);
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = http.Send(request);
            response.EnsureSuccessStatusCode();
            _ = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            created++;
        }

        return created;
    }

    /// <summary>One Utf8JsonReader pass over the bytes: the least any JSON client must do.</summary>
    public static int Tokenize(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>
    /// A function that deserializes bytes already in memory into the module's own source-generated model
    /// the way the module reads a response (generic DeserializeAsync over a stream, the same code path and
    /// JIT instantiation): the module's deserialization without the network.
    /// </summary>
    public static Func<byte[], object> Deserializer(JsonTypeInfo typeInfo)
    {
        var method = typeof(SdeBenchWire).GetMethod(nameof(DeserializeTyped), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(typeInfo.Type);
        return json => method.Invoke(null, new object[] { json, typeInfo })!;
    }

    private static object DeserializeTyped<T>(byte[] json, JsonTypeInfo<T> typeInfo)
    {
        using var stream = new MemoryStream(json, writable: false);
        return JsonSerializer.DeserializeAsync(stream, typeInfo).AsTask().GetAwaiter().GetResult()!;
    }

    /// <summary>
    /// CPU time (user + system, all threads) this process has used, in milliseconds, from getrusage
    /// (microsecond resolution); -1 where that is not available. Unlike wall time, it does not grow
    /// when other processes take the cores, which makes it the steadier figure on a busy machine.
    /// </summary>
    public static double ProcessorMilliseconds()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return -1;
        }

        // struct rusage on 64-bit Linux: ru_utime and ru_stime (timeval: seconds, microseconds), then 14 longs.
        var usage = new long[18];
        if (GetResourceUsage(0, usage) != 0)
        {
            return -1;
        }

        return (usage[0] + usage[2]) * 1000.0 + (usage[1] + usage[3]) / 1000.0;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetResourceUsage(int who, [Out] long[] usage);

    private static HttpResponseMessage Send(HttpClient http, Uri uri, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return response;
    }
}
