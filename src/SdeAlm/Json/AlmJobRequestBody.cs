using System.IO;
using System.Text.Json;

namespace SdeAlm.Json;

/// <summary>The JSON body that queues a sync of an ALM connection now, as SD Elements documents it.</summary>
internal static class AlmJobRequestBody
{
    /// <summary>
    /// <c>{"connection": id, "automatic": false, "ready": false}</c>: started by a user, not by the
    /// schedule, and not ready, which is what makes SD Elements run it (a ready job would only record a
    /// result).
    /// </summary>
    public static byte[] Start(int almConnectionId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("connection", almConnectionId);
            writer.WriteBoolean("automatic", false);
            writer.WriteBoolean("ready", false);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
