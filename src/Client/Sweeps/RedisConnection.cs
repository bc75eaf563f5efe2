using StackExchange.Redis;

namespace OrleansSweep.Client.Sweeps;

/// <summary>The Redis connection string as given, plus the password from the environment (never from a file in git).</summary>
public static class RedisConnection
{
    public const string PasswordVariable = "ORLEANS_SWEEP_REDIS_PASSWORD";

    public static string WithPassword(string connection)
    {
        var options = ConfigurationOptions.Parse(connection);
        if (options.Password is null && Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } password)
            options.Password = password;
        return options.ToString(includePassword: true);
    }

    /// <summary>For messages: the endpoints without the password.</summary>
    public static string Redacted(string connection) => ConfigurationOptions.Parse(connection).ToString(includePassword: false);
}
