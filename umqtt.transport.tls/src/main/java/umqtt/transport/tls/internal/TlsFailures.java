package umqtt.transport.tls.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsException;

/**
 * Turns what BouncyCastle reports (an alert number, an end of stream) plus what our client saw
 * during the handshake into an {@link IOException} that says which failure happened and what to
 * do about it. Messages name the server, the PSK identity and certificate subjects, never key
 * material.
 */
final class TlsFailures {

    private TlsFailures() {
    }

    /**
     * Explains a failure of the handshake, or of a read or write after it.
     *
     * @param e what BouncyCastle threw
     * @param client the client, with what it saw
     * @param head the first bytes the server sent
     * @param where host:port
     * @return the exception to throw
     */
    static IOException explain(IOException e, MqttTlsClient client, byte[] head, String where) {
        if (e instanceof InterruptedIOException) {
            return e;
        }
        String prefix = "TLS with " + where + " failed: ";
        if (client.verificationFailure() != null) {
            return failure(prefix + client.verificationFailure().getMessage(), e);
        }
        if (head.length > 0 && !looksLikeTls(head)) {
            return failure(prefix + "the server does not speak TLS: it answered with bytes " + hex(head)
                    + (head[0] == 0x20 ? " (an MQTT CONNACK)" : "")
                    + "; use mqtt:// for a plain port, or the broker's TLS port", e);
        }
        short alert = client.alertReceived();
        if (alert >= 0) {
            String message = prefix + byAlert(alert, client);
            if (client.handshakeComplete() && !client.certificateRequested()) {
                // A fatal alert in an established session is not about the handshake.
                SSLException session = new SSLException(message);
                session.initCause(e);
                return session;
            }
            return failure(message, e);
        }
        if (client.certificateRequested() && !client.certificateSent() && endOfStream(e)) {
            // A TLS 1.3 server refuses a missing client certificate after our side of the
            // handshake is done, and may close the connection before its alert is read.
            return failure(prefix + "the server asked for a client certificate, got none, and closed the connection: "
                    + (client.credentialProblem() != null ? client.credentialProblem()
                        : "give one with TlsOptions.builder().clientCertificate(certPem, keyPem)"), e);
        }
        if (client.certificateSent() && endOfStream(e)) {
            // The server's alert may sit unread behind the write that failed.
            return failure(prefix + "the server closed the connection after receiving our client certificate "
                    + client.setup().identity().subject() + ", so it most likely refused it: check that it is signed "
                    + "by a CA the broker trusts (its cafile) and is still valid", e);
        }
        if (!client.handshakeComplete() && head.length == 0 && endOfStream(e)) {
            return failure(prefix + "the server closed the connection without answering our TLS hello: it does not "
                    + "speak TLS on this port (a plain mqtt:// listener?) or it refused the hello; "
                    + "check the scheme and the port", e);
        }
        if (client.setup().psk() && !client.handshakeComplete() && endOfStream(e)) {
            // The server's alert (unknown_psk_identity, say) may sit unread behind the write that failed.
            return failure(prefix + "the server closed the connection in the middle of the PSK handshake, so it most "
                    + "likely refused our pre-shared key: check that PSK identity '" + client.setup().pskIdentity()
                    + "' and its key match an entry of the broker's psk_file", e);
        }
        if (client.alertRaised() == AlertDescription.protocol_version && !client.handshakeComplete()) {
            return failure(prefix + "the server wants a TLS version older than 1.2, which we refuse (we speak TLS 1.3 "
                    + "and 1.2 only): the broker's TLS configuration must allow TLS 1.2 or 1.3", e);
        }
        if (client.alertRaised() >= 0 && !client.handshakeComplete()) {
            return failure(prefix + "we ended the handshake with alert " + AlertDescription.getText(client.alertRaised())
                    + ": " + e.getMessage(), e);
        }
        if (!client.handshakeComplete()) {
            return failure(prefix + e.getMessage(), e);
        }
        return e;
    }

    private static String byAlert(short alert, MqttTlsClient client) {
        String name = "alert " + AlertDescription.getText(alert);
        TlsSetup setup = client.setup();
        if (setup.psk() && !client.handshakeComplete()
                && (alert == AlertDescription.unknown_psk_identity || alert == AlertDescription.decrypt_error
                    || alert == AlertDescription.bad_record_mac || alert == AlertDescription.illegal_parameter
                    || alert == AlertDescription.handshake_failure)) {
            return "the server refused our pre-shared key (" + name + "): check that PSK identity '"
                    + setup.pskIdentity() + "' and its key match an entry of the broker's psk_file";
        }
        if (alert == AlertDescription.certificate_required
                || (client.certificateRequested() && !client.certificateSent()
                    && (alert == AlertDescription.handshake_failure || alert == AlertDescription.bad_certificate))) {
            String why = client.credentialProblem();
            return "the server requires a client certificate (" + name + ") and "
                    + (why != null ? "we sent none: " + why
                        : "none is configured: give one with TlsOptions.builder().clientCertificate(certPem, keyPem)");
        }
        if (client.certificateSent() && isCertificateAlert(alert)) {
            return "the server refused our client certificate " + setup.identity().subject() + " (" + name
                    + "): check that it is signed by a CA the broker trusts (its cafile) and is still valid";
        }
        if (alert == AlertDescription.protocol_version || alert == AlertDescription.insufficient_security
                || alert == AlertDescription.handshake_failure) {
            return "the server and we share no TLS version or cipher suite (" + name
                    + "); we speak TLS 1.3 and 1.2 only" + (setup.psk() ? ""
                        : "; if this is a TLS-PSK listener, configure TlsOptions.builder().psk(identity, key)");
        }
        if (alert == AlertDescription.no_application_protocol) {
            return "the server accepts none of the ALPN protocols we offered " + setup.alpn() + " (" + name
                    + "): check TlsOptions.alpn";
        }
        if (alert == AlertDescription.unrecognized_name) {
            return "the server does not know the name '" + setup.host() + "' we sent in SNI (" + name
                    + "): connect with a name the broker serves";
        }
        return "the server ended the connection with " + name;
    }

    private static boolean isCertificateAlert(short alert) {
        return alert == AlertDescription.bad_certificate || alert == AlertDescription.unsupported_certificate
                || alert == AlertDescription.certificate_revoked || alert == AlertDescription.certificate_expired
                || alert == AlertDescription.certificate_unknown || alert == AlertDescription.unknown_ca
                || alert == AlertDescription.access_denied || alert == AlertDescription.decrypt_error
                || alert == AlertDescription.handshake_failure;
    }

    private static boolean endOfStream(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof SocketException) {
                return true;
            }
        }
        // BouncyCastle reports an end of stream during the handshake as its own handshake_failure.
        return e instanceof TlsException;
    }

    /** A TLS record starts with a content type 20..23 and major version 3. */
    static boolean looksLikeTls(byte[] head) {
        int type = head[0] & 0xFF;
        return type >= 20 && type <= 23 && (head.length < 2 || head[1] == 3);
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }

    private static SSLHandshakeException failure(String message, IOException cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }
}
