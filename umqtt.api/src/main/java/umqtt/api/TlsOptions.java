package umqtt.api;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS settings for {@code mqtts://} and {@code wss://} connections, applied by the TLS transport
 * ({@code umqtt.transport.tls}).
 *
 * <p>Secure by default: with no settings the server's chain is verified against the JDK's trust
 * store and its host name against the certificate's subject alternative names. Turning host name
 * verification off must be explicit ({@link Builder#verifyHostname(boolean)}).
 *
 * <p>{@link #toString()} never shows the PSK key or the private key password.
 */
public final class TlsOptions {

    private final Path trustPem;
    private final Path trustPemDirectory;
    private final Path certificatePem;
    private final Path keyPem;
    private final char[] keyPassword;
    private final String pskIdentity;
    private final byte[] pskKey;
    private final List<String> alpn;
    private final boolean verifyHostname;

    private TlsOptions(Builder b) {
        this.trustPem = b.trustPem;
        this.trustPemDirectory = b.trustPemDirectory;
        this.certificatePem = b.certificatePem;
        this.keyPem = b.keyPem;
        this.keyPassword = b.keyPassword == null ? null : b.keyPassword.clone();
        this.pskIdentity = b.pskIdentity;
        this.pskKey = b.pskKey == null ? null : b.pskKey.clone();
        this.alpn = List.copyOf(b.alpn);
        this.verifyHostname = b.verifyHostname;
    }

    /**
     * A new builder with the secure defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The PEM file of the CA certificates to trust, if one was given; otherwise the JDK's
     * default trust store is used.
     *
     * @return the trusted CA file
     */
    public Optional<Path> trustPem() {
        return Optional.ofNullable(trustPem);
    }

    /**
     * The folder of PEM files of CA certificates to trust, if one was given (with
     * {@link #trustPem()} too, the CAs of both are trusted); otherwise the JDK's default trust
     * store is used.
     *
     * @return the folder of trusted CA files
     */
    public Optional<Path> trustPemDirectory() {
        return Optional.ofNullable(trustPemDirectory);
    }

    /**
     * The PEM file with the client certificate (and its chain), for mutual TLS.
     *
     * @return the client certificate file
     */
    public Optional<Path> clientCertificatePem() {
        return Optional.ofNullable(certificatePem);
    }

    /**
     * The PEM file with the client's private key (PKCS#8, PKCS#1 RSA or SEC1 EC).
     *
     * @return the client key file
     */
    public Optional<Path> clientKeyPem() {
        return Optional.ofNullable(keyPem);
    }

    /**
     * A copy of the password of an encrypted PKCS#8 client key, if one was given.
     *
     * @return the key password
     */
    public Optional<char[]> clientKeyPassword() {
        return Optional.ofNullable(keyPassword).map(char[]::clone);
    }

    /**
     * The TLS-PSK identity, if PSK is configured.
     *
     * @return the identity
     */
    public Optional<String> pskIdentity() {
        return Optional.ofNullable(pskIdentity);
    }

    /**
     * A copy of the TLS-PSK key, if PSK is configured.
     *
     * @return the key bytes
     */
    public Optional<byte[]> pskKey() {
        return Optional.ofNullable(pskKey).map(byte[]::clone);
    }

    /**
     * The ALPN protocols to offer, in order of preference; empty to offer none.
     *
     * @return the protocol names
     */
    public List<String> alpn() {
        return alpn;
    }

    /**
     * Whether the server's host name is checked against its certificate (default true).
     *
     * @return the setting
     */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    @Override
    public String toString() {
        return "TlsOptions[trustPem=" + (trustPem == null && trustPemDirectory == null ? "JDK default" : trustPem)
                + (trustPemDirectory == null ? "" : ", trustPemDirectory=" + trustPemDirectory)
                + ", clientCertificate=" + certificatePem + ", clientKey=" + keyPem
                + ", psk=" + (pskIdentity == null ? "none" : "identity " + pskIdentity + ", key ***")
                + ", alpn=" + alpn + ", verifyHostname=" + verifyHostname + "]";
    }

    /** Builds {@link TlsOptions}; every setting is optional. */
    public static final class Builder {
        private Path trustPem;
        private Path trustPemDirectory;
        private Path certificatePem;
        private Path keyPem;
        private char[] keyPassword;
        private String pskIdentity;
        private byte[] pskKey;
        private List<String> alpn = List.of();
        private boolean verifyHostname = true;

        private Builder() {
        }

        /**
         * Trusts the CA certificates in a PEM file (one or many) instead of the JDK's trust store.
         *
         * @param caPem the PEM file
         * @return this builder
         */
        public Builder trustPem(Path caPem) {
            this.trustPem = Objects.requireNonNull(caPem, "caPem");
            return this;
        }

        /**
         * Trusts the CA certificates of every {@code *.pem} and {@code *.crt} file in a folder
         * (like mosquitto's {@code --capath}; no OpenSSL hash links needed) instead of the JDK's
         * trust store. With {@link #trustPem(Path)} too, the CAs of both are trusted. The folder
         * is read when connecting: one that cannot be read, or holds no such file, or a file that
         * holds no certificate, fails the connection with an {@code IOException} naming it.
         *
         * @param caDirectory the folder
         * @return this builder
         */
        public Builder trustPemDirectory(Path caDirectory) {
            this.trustPemDirectory = Objects.requireNonNull(caDirectory, "caDirectory");
            return this;
        }

        /**
         * Presents a client certificate, for brokers that require mutual TLS.
         *
         * @param certPem PEM file with the certificate, optionally followed by its chain
         * @param keyPem PEM file with the private key: PKCS#8, PKCS#1 RSA or SEC1 EC
         * @return this builder
         */
        public Builder clientCertificate(Path certPem, Path keyPem) {
            this.certificatePem = Objects.requireNonNull(certPem, "certPem");
            this.keyPem = Objects.requireNonNull(keyPem, "keyPem");
            this.keyPassword = null;
            return this;
        }

        /**
         * Presents a client certificate whose key is an encrypted PKCS#8 PEM.
         *
         * @param certPem PEM file with the certificate and optionally its chain
         * @param keyPem PEM file with the encrypted private key
         * @param keyPassword the key's password (copied)
         * @return this builder
         */
        public Builder clientCertificate(Path certPem, Path keyPem, char[] keyPassword) {
            clientCertificate(certPem, keyPem);
            this.keyPassword = Objects.requireNonNull(keyPassword, "keyPassword").clone();
            return this;
        }

        /**
         * Uses TLS-PSK (a pre-shared key) instead of certificates.
         *
         * @param identity the PSK identity the broker knows
         * @param key the key bytes (copied); not empty
         * @return this builder
         */
        public Builder psk(String identity, byte[] key) {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(key, "key");
            if (key.length == 0) {
                throw new IllegalArgumentException("the PSK key is empty: give the key bytes the broker has for "
                        + "identity '" + identity + "'");
            }
            this.pskIdentity = identity;
            this.pskKey = key.clone();
            return this;
        }

        /**
         * Offers these ALPN protocols (AWS IoT on port 443 wants {@code "x-amzn-mqtt-ca"}).
         *
         * @param protocols protocol names in order of preference
         * @return this builder
         */
        public Builder alpn(String... protocols) {
            List<String> list = List.of(protocols);
            for (String p : list) {
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("an ALPN protocol name cannot be empty: " + Arrays.toString(protocols));
                }
            }
            this.alpn = list;
            return this;
        }

        /**
         * Whether to check the server's host name against its certificate. Default true; turning
         * it off leaves the connection open to anyone holding a certificate from a trusted CA.
         *
         * @param verify false to skip the check
         * @return this builder
         */
        public Builder verifyHostname(boolean verify) {
            this.verifyHostname = verify;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public TlsOptions build() {
            return new TlsOptions(this);
        }
    }
}
