using OrleansSweep.Hosting;
using OrleansSweep.Grains;

namespace OrleansSweep.Silo.Tests.Cluster;

/// <summary>The Redis password reaches the connection from the environment or a secret file, never from Orleans:Redis.</summary>
public sealed class RedisConnectionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("redis-connection-").FullName;

    public RedisConnectionTests() => Environment.SetEnvironmentVariable(RedisConnection.PasswordVariable, null);

    [Fact]
    public void The_password_file_is_merged_without_its_trailing_newline()
    {
        var file = Path.Combine(_directory, "password");
        File.WriteAllText(file, "s3cret with spaces\n");
        var options = RedisConnection.Options(new HostingOptions { Redis = "redis:6379,abortConnect=false", RedisPasswordFile = file });
        Assert.Equal("s3cret with spaces", options.Password);
        Assert.Equal(("redis", 6379), options.EndPoints.Cast<System.Net.DnsEndPoint>().Select(e => (e.Host, e.Port)).Single());
        Assert.False(options.AbortOnConnectFail);
    }

    [Fact]
    public void The_environment_variable_wins_over_the_file()
    {
        var file = Path.Combine(_directory, "password");
        File.WriteAllText(file, "from-file");
        Environment.SetEnvironmentVariable(RedisConnection.PasswordVariable, "from-environment");
        Assert.Equal("from-environment", RedisConnection.Options(new HostingOptions { Redis = "redis:6379", RedisPasswordFile = file }).Password);
    }

    [Fact]
    public void Without_either_there_is_no_password()
    {
        Assert.Null(RedisConnection.Options(new HostingOptions { Redis = "127.0.0.1:6379" }).Password);
    }

    [Theory]
    [InlineData(null, null, "Orleans:Redis: required in cluster mode")]
    [InlineData("redis:6379", "/no/such/secret", "Orleans:RedisPasswordFile: /no/such/secret does not exist")]
    public void Missing_settings_and_files_are_one_line_errors_naming_the_setting(string? redis, string? passwordFile, string expected)
    {
        var error = Assert.Throws<ConfigurationError>(() => RedisConnection.Options(new HostingOptions { Redis = redis, RedisPasswordFile = passwordFile }));
        Assert.StartsWith(expected, error.Message);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(RedisConnection.PasswordVariable, null);
        Directory.Delete(_directory, recursive: true);
    }
}
