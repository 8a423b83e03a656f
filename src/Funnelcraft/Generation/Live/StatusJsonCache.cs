using System.Runtime.CompilerServices;
using System.Text.Json;
using Funnelcraft.Generation.Status;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation.Live;

/// <summary>
/// The status as UTF-8 JSON, serialized once per published status and shared by every SSE subscriber of the
/// project, instead of once per subscriber and event (with 5,000 subscribers, 5,000 identical serializations per
/// change). Uses the API's JSON options, so the bytes are exactly what the framework would write for the record.
/// </summary>
public sealed class StatusJsonCache
{
    private readonly ConditionalWeakTable<GenerationStatus, byte[]> _cache = [];
    private readonly ConditionalWeakTable<GenerationStatus, byte[]>.CreateValueCallback _serialize;

    public StatusJsonCache(IOptions<JsonOptions> options)
    {
        var json = options.Value.SerializerOptions;
        _serialize = status => JsonSerializer.SerializeToUtf8Bytes(status, json);
    }

    /// <summary>The JSON of <paramref name="status"/>; the same array for the same status object (never modify it).</summary>
    public byte[] Of(GenerationStatus status) => _cache.GetValue(status, _serialize);
}
