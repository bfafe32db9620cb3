package umqtt.mqtt5;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.security.auth.Destroyable;
import umqtt.api.MqttException;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) as an MQTT 5 {@link Authenticator}: the client proves it
 * knows the password without sending it, and checks the server's signature in return.
 *
 * <p>The exchange: CONNECT carries {@code n,,n=user,r=nonce}; the server's AUTH (Continue
 * authentication) carries its nonce, salt and iteration count; the client answers with its proof;
 * the server's CONNACK (or AUTH Success when re-authenticating) carries its signature, which
 * {@link #success} verifies. Every failure is a {@link Mqtt5Exception} with reason 0x87 Not
 * authorized (0x82 Protocol Error when the server breaks the order of the exchange); no message
 * contains the password, keys, salt or proofs.
 *
 * <p>The object keeps a copy of the password for later exchanges (reconnects, {@code
 * reauthenticate()}); {@link #destroy()} zeroes it. Intermediate keys are zeroed after each
 * exchange. Server iteration counts below 4096 (RFC 7677 §4) or above 1,000,000 (a server could
 * otherwise stall the client) are refused. One exchange at a time: not for concurrent use.
 */
public final class ScramSha256 implements Authenticator, Destroyable {

    private static final byte[] NO_DATA = new byte[0];
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String saslName;
    private final byte[] password;
    private final Supplier<String> nonces;
    private boolean destroyed;
    // The exchange under way: set by initialData, then challenge; cleared by success.
    private String clientNonce;
    private String clientFirstBare;
    private byte[] serverSignature;

    /**
     * @param user the user name (normalized with NFKC, then "=" and "," escaped as RFC 5802 asks)
     * @param password the password's UTF-8 bytes (copied; never in messages or {@code toString})
     * @throws IllegalArgumentException when the user name is empty or the password is not UTF-8
     */
    public ScramSha256(String user, byte[] password) {
        this(user, password, ScramSha256::randomNonce);
    }

    /** For tests: the client nonces come from {@code nonces} (RFC 7677's example uses a fixed one). */
    ScramSha256(String user, byte[] password, Supplier<String> nonces) {
        this.saslName = ScramMessages.saslName(Objects.requireNonNull(user, "user"));
        Objects.requireNonNull(password, "password");
        Arrays.fill(ScramKeys.utf8Chars(password), '\0'); // refuse a password SCRAM cannot hash, now
        this.password = password.clone();
        this.nonces = nonces;
    }

    @Override
    public String method() {
        return "SCRAM-SHA-256";
    }

    /** @return the client-first-message {@code n,,n=user,r=nonce} with a fresh nonce */
    @Override
    public byte[] initialData() {
        if (destroyed) {
            throw new IllegalStateException("this ScramSha256 was destroyed (its password zeroed): create a new one");
        }
        clearExchange();
        clientNonce = nonces.get();
        clientFirstBare = "n=" + saslName + ",r=" + clientNonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** @return the client-final-message {@code c=biws,r=nonce,p=proof} */
    @Override
    public byte[] challenge(byte[] serverData) throws MqttException {
        if (clientFirstBare == null || serverSignature != null) {
            throw new Mqtt5Exception(ReasonCode.PROTOCOL_ERROR, "the server sent a SCRAM challenge "
                    + (clientFirstBare == null ? "before the client's first message" : "after the client's proof")
                    + ": SCRAM-SHA-256 has exactly one (RFC 5802 §5); the server is faulty", null, List.of(), null);
        }
        byte[] data = serverData == null ? NO_DATA : serverData;
        String serverFirst = new String(data, StandardCharsets.UTF_8);
        ScramMessages.ServerFirst first = ScramMessages.serverFirst(data, clientNonce);
        String withoutProof = "c=biws,r=" + first.nonce(); // biws: base64 of "n,,", no channel binding
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        ScramKeys.Proof proof = ScramKeys.compute(password, first.salt(), first.iterations(), authMessage);
        serverSignature = proof.serverSignature();
        String clientFinal = withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof.clientProof());
        Arrays.fill(proof.clientProof(), (byte) 0);
        return clientFinal.getBytes(StandardCharsets.UTF_8);
    }

    /** Verifies the server-final-message {@code v=signature} in constant time. */
    @Override
    public void success(byte[] serverData) throws MqttException {
        byte[] expected = serverSignature;
        serverSignature = null; // one verdict per exchange; expected is zeroed below
        clearExchange();
        if (expected == null) {
            throw ScramMessages.fail("the server reported success without completing the SCRAM exchange, so it never"
                    + " proved it knows the password: refusing it (a server that does not check SCRAM, or an"
                    + " impostor); check the server's authentication set-up");
        }
        byte[] received = ScramMessages.serverFinal(serverData == null ? NO_DATA : serverData);
        boolean same = MessageDigest.isEqual(expected, received);
        Arrays.fill(expected, (byte) 0);
        if (!same) {
            throw ScramMessages.fail("the server's SCRAM signature (v=) is wrong: the server does not know this user's"
                    + " password (an impostor or a wrongly provisioned server); do not trust this connection");
        }
    }

    /** Zeroes the copy of the password; later exchanges fail with {@link IllegalStateException}. */
    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(password, (byte) 0);
        clearExchange();
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "ScramSha256[user=" + saslName + "]";
    }

    private void clearExchange() {
        if (serverSignature != null) {
            Arrays.fill(serverSignature, (byte) 0);
        }
        serverSignature = null;
        clientFirstBare = null;
        clientNonce = null;
    }

    private static String randomNonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes); // 24 printable characters, no ','
    }
}
