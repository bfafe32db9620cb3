package umqtt.transport.tls.internal;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import umqtt.api.TlsOptions;

/**
 * {@link TlsOptions} resolved for one connection: the trust and the client identity read from
 * their files, the host to verify and name in SNI. Never prints the PSK key.
 */
public final class TlsSetup {

    private final String host;
    private final ServerTrust trust;
    private final ClientIdentity identity;
    private final String pskIdentity;
    private final byte[] pskKey;
    private final List<String> alpn;
    private final boolean verifyHostname;

    private TlsSetup(String host, TlsOptions options, ServerTrust trust, ClientIdentity identity) {
        this.host = host;
        this.trust = trust;
        this.identity = identity;
        this.pskIdentity = options.pskIdentity().orElse(null);
        this.pskKey = options.pskKey().orElse(null);
        this.alpn = options.alpn();
        this.verifyHostname = options.verifyHostname();
    }

    /**
     * Reads the files the options name.
     *
     * @param host the server's host as written in its URI (brackets of an IPv6 literal removed)
     * @param options the TLS options
     * @return the setup
     * @throws IOException when a file cannot be read, or the client key is not the certificate's
     */
    public static TlsSetup load(String host, TlsOptions options) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        ServerTrust trust = options.trustPem().isPresent() || options.trustPemDirectory().isPresent()
                ? ServerTrust.fromPem(options.trustPem().orElse(null), options.trustPemDirectory().orElse(null))
                : ServerTrust.jdkDefault();
        ClientIdentity identity = null;
        if (options.clientCertificatePem().isPresent()) {
            char[] password = options.clientKeyPassword().orElse(null);
            try {
                identity = ClientIdentity.load(options.clientCertificatePem().get(), options.clientKeyPem().orElseThrow(), password);
            } finally {
                if (password != null) {
                    java.util.Arrays.fill(password, '\0');
                }
            }
        }
        return new TlsSetup(host, options, trust, identity);
    }

    /** @return the host to verify and to name in SNI */
    public String host() {
        return host;
    }

    /** @return the trust in server chains */
    public ServerTrust trust() {
        return trust;
    }

    /** @return the client certificate and key, or null */
    public ClientIdentity identity() {
        return identity;
    }

    /** @return whether TLS-PSK is configured */
    public boolean psk() {
        return pskIdentity != null;
    }

    /** @return the PSK identity, or null */
    public String pskIdentity() {
        return pskIdentity;
    }

    /** @return the PSK key (not a copy: do not change it), or null */
    byte[] pskKey() {
        return pskKey;
    }

    /** @return the ALPN protocols to offer */
    public List<String> alpn() {
        return alpn;
    }

    /** @return whether the host name is checked */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    @Override
    public String toString() {
        return "TlsSetup[host=" + host + ", " + trust + ", identity=" + identity
                + ", psk=" + (pskIdentity == null ? "none" : "identity " + pskIdentity + ", key ***")
                + ", alpn=" + alpn + ", verifyHostname=" + verifyHostname + "]";
    }
}
