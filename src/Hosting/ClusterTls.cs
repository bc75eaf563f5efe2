using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Orleans.Connections.Security;

namespace OrleansSweep.Hosting;

/// <summary>
/// Mutual TLS between silos and from clients to gateways: both ends present a certificate and each refuses a
/// peer without one, or with one that neither chains to a trusted root nor is the cluster's own certificate
/// (so one self-signed certificate shared by the cluster works without touching the machines' trust stores).
/// </summary>
public static class ClusterTls
{
    public static ISiloBuilder UseSweepTls(this ISiloBuilder silo, TlsSettings settings)
    {
        var certificate = Load(settings);
        return silo.UseTls(certificate, options => Configure(options, certificate));
    }

    public static IClientBuilder UseSweepTls(this IClientBuilder client, TlsSettings settings)
    {
        var certificate = Load(settings);
        return client.UseTls(certificate, options => Configure(options, certificate));
    }

    public static X509Certificate2 Load(TlsSettings settings)
    {
        var path = settings.CertificatePath ?? throw new ConfigurationError("Orleans:Tls:CertificatePath: not set");
        if (!File.Exists(path)) throw new ConfigurationError($"Orleans:Tls:CertificatePath: {path} does not exist");
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.Password);
            return certificate.HasPrivateKey ? certificate
                : throw new ConfigurationError($"Orleans:Tls:CertificatePath: {path} has no private key");
        }
        catch (CryptographicException e)
        {
            throw new ConfigurationError($"Orleans:Tls:CertificatePath: cannot read {path} (wrong Orleans:Tls:Password or not a .pfx): {e.Message}");
        }
    }

    private static void Configure(TlsOptions options, X509Certificate2 own)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, _, errors) =>
            errors == SslPolicyErrors.None || certificate.RawDataMemory.Span.SequenceEqual(own.RawDataMemory.Span);
    }
}

/// <summary>
/// Configuration section <c>Orleans:Tls</c>. Every silo and client of a cluster presents a certificate and
/// accepts a peer whose certificate chains to a trusted root or is the cluster's own certificate.
/// </summary>
public sealed class TlsSettings
{
    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key; unset = no TLS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx password: set it through the environment (<c>Orleans__Tls__Password</c>), never in a committed file.</summary>
    public string? Password { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
