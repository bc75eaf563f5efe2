using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace OrleansSweep.Hosting;

/// <summary>
/// Exceptions that cross a grain call keep their type and message. Orleans serializes exceptions only from the
/// namespaces it knows (Microsoft, System, Azure) and fails the whole call with a <c>CodecNotFoundException</c> for
/// any other: the project's own (an injected storage fault, a spec error), Redis' and TorchSharp's. Silos and clients
/// both register this.
/// </summary>
public static class WireExceptions
{
    private static readonly string[] NamespacePrefixes = ["OrleansSweep", "StackExchange", "TorchSharp", "YamlDotNet"];

    public static IServiceCollection AddSweepExceptionTypes(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(options =>
        {
            foreach (var prefix in NamespacePrefixes) options.SupportedNamespacePrefixes.Add(prefix);
        });
}
