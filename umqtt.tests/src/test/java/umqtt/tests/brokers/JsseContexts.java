package umqtt.tests.brokers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * JDK (JSSE) TLS contexts built from {@link TestPki}: an independent TLS peer for checking the
 * brokers' listeners and for scripted TLS servers, not the TLS our library uses.
 */
public final class JsseContexts {

    private JsseContexts() {
    }

    /** @return a client context that trusts only the test CA */
    public static SSLContext clientTrustingTestCa() {
        return context(null, TestPki.get().trustStore());
    }

    /** @return a client context that trusts the test CA and presents the RSA client certificate */
    public static SSLContext clientWithCertificate() {
        return context(TestPki.get().clientKeystore(), TestPki.get().trustStore());
    }

    /** @return a server context presenting {@link TestPki#serverCert()} (localhost, 127.0.0.1) */
    public static SSLContext server() {
        return context(TestPki.get().serverKeystore(), null);
    }

    private static SSLContext context(Path keyStore, Path trustStore) {
        char[] password = TestPki.get().keystorePassword();
        try {
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore, password), password);
            }
            TrustManagerFactory trust = null;
            if (trustStore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(trustStore, password));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(),
                    trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test key stores", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context from the test PKI", e);
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
