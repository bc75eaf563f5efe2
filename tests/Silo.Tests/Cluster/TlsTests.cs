using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;
using OrleansSweep.Hosting;
using OrleansSweep.Silo.Tests.Fixtures;
using Xunit.Abstractions;
using OrleansSweep.Grains;

namespace OrleansSweep.Silo.Tests.Cluster;

/// <summary>
/// Orleans:Tls on a real silo (in this process, its gateway on a loopback port): a client holding the cluster's
/// certificate gets in; a client without TLS, or with TLS but another certificate, is refused.
/// </summary>
public sealed class TlsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "test-only-password";
    private readonly string _directory = Directory.CreateTempSubdirectory("tls-").FullName;
    private InProcessSilo _silo = null!;
    private string _certificate = null!;

    public async Task InitializeAsync()
    {
        _certificate = SelfSignedCertificate.WritePfx(_directory, "cluster", Password);
        _silo = await InProcessSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Orleans:Tls:CertificatePath"] = _certificate,
            ["Orleans:Tls:Password"] = Password,
            ["Slots:Count"] = "0",
        });
    }

    [Fact]
    public async Task A_client_with_the_cluster_certificate_is_served()
    {
        await using var client = await ConnectAsync(c => c.UseSweepTls(new TlsSettings { CertificatePath = _certificate, Password = Password }));
        var sweeps = await client.Services.GetRequiredService<IClusterClient>().GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
        Assert.Empty(sweeps);
    }

    [Fact]
    public async Task A_client_without_TLS_is_refused()
    {
        var refused = await Assert.ThrowsAsync<ConnectionFailedException>(async () => await (await ConnectAndCallAsync(_ => { })).DisposeAsync());
        output.WriteLine(refused.Message);
    }

    [Fact]
    public async Task A_client_with_another_certificate_is_refused()
    {
        var stranger = SelfSignedCertificate.WritePfx(_directory, "stranger", Password);
        var refused = await Assert.ThrowsAsync<ConnectionFailedException>(async () =>
            await (await ConnectAndCallAsync(c => c.UseSweepTls(new TlsSettings { CertificatePath = stranger, Password = Password }))).DisposeAsync());
        output.WriteLine(refused.Message);
    }

    [Fact]
    public void A_wrong_certificate_password_is_a_one_line_error_naming_the_setting()
    {
        var error = Assert.Throws<ConfigurationError>(() => ClusterTls.Load(new TlsSettings { CertificatePath = _certificate, Password = "wrong" }));
        Assert.StartsWith("Orleans:Tls:CertificatePath: cannot read", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>Connects and calls a grain: a refused connection fails one or the other, within the response timeout.</summary>
    private async Task<ClientHost> ConnectAndCallAsync(Action<IClientBuilder> configure)
    {
        var client = await ConnectAsync(configure);
        try
        {
            await client.Services.GetRequiredService<IClusterClient>().GetGrain<ISweepRegistryGrain>(ISweepRegistryGrain.Key).List();
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private async Task<ClientHost> ConnectAsync(Action<IClientBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(client =>
        {
            var hosting = new HostingOptions();
            client.UseLocalhostClustering(_silo.GatewayPort, hosting.ServiceId, hosting.ClusterId);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            // Fail on the first refused connection instead of retrying until the timeout.
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            configure(client);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new ClientHost(host);
    }

    private sealed class ClientHost(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
