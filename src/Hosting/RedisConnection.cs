using StackExchange.Redis;

namespace OrleansSweep.Hosting;

/// <summary>The Redis connection of cluster mode: <c>Orleans:Redis</c> with the password merged in from a secret.</summary>
public static class RedisConnection
{
    /// <summary>The environment variable holding the Redis password.</summary>
    public const string PasswordVariable = "ORLEANS_SWEEP_REDIS_PASSWORD";

    /// <summary>Fresh options each call (each provider owns its multiplexer).</summary>
    public static ConfigurationOptions Options(HostingOptions hosting)
    {
        if (string.IsNullOrWhiteSpace(hosting.Redis)) throw new ConfigurationError("Orleans:Redis: required in cluster mode (host:port)");
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(hosting.Redis);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationError($"Orleans:Redis: not a Redis connection string: {e.Message}");
        }
        if (Password(hosting) is { } password) options.Password = password;
        return options;
    }

    private static string? Password(HostingOptions hosting)
    {
        if (Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } fromEnvironment) return fromEnvironment;
        if (string.IsNullOrWhiteSpace(hosting.RedisPasswordFile)) return null;
        if (!File.Exists(hosting.RedisPasswordFile))
            throw new ConfigurationError($"Orleans:RedisPasswordFile: {hosting.RedisPasswordFile} does not exist");
        // Secret files usually end with a newline that is not part of the password.
        return File.ReadAllText(hosting.RedisPasswordFile).TrimEnd('\r', '\n');
    }
}
