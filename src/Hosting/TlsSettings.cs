namespace OrleansSweep.Hosting;

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
