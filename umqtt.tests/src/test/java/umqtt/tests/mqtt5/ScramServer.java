package umqtt.tests.mqtt5;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of SCRAM-SHA-256 (RFC 5802 §3, §5), written independently of the client so each
 * checks the other: it stores only StoredKey and ServerKey, as a server should. One instance per
 * exchange. Test code only; every answer is text, every fault an "e=" as RFC 5802 §7 names them.
 */
final class ScramServer {

    private final String saslName;
    private final byte[] storedKey;
    private final byte[] serverKey;
    private final byte[] salt;
    private final int iterations;
    private final String serverNonce;
    private String clientFirstBare;
    private String serverFirst;

    ScramServer(String saslName, String password, byte[] salt, int iterations, String serverNonce) {
        this.saslName = saslName;
        this.salt = salt.clone();
        this.iterations = iterations;
        this.serverNonce = serverNonce;
        byte[] salted = pbkdf2(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        this.storedKey = sha256(clientKey);
        this.serverKey = hmac(salted, "Server Key");
    }

    /** @return the server-first-message, or "e=..." when the client-first-message is not for this user */
    String first(byte[] clientFirst) {
        String text = new String(clientFirst, StandardCharsets.UTF_8);
        if (!text.startsWith("n,,")) {
            return "e=channel-binding-not-supported";
        }
        clientFirstBare = text.substring(3);
        String[] parts = clientFirstBare.split(",");
        if (parts.length != 2 || !parts[0].equals("n=" + saslName) || !parts[1].startsWith("r=")) {
            return "e=unknown-user";
        }
        serverFirst = "r=" + parts[1].substring(2) + serverNonce + ",s=" + Base64.getEncoder().encodeToString(salt)
                + ",i=" + iterations;
        return serverFirst;
    }

    /** @return the server-final-message: "v=ServerSignature", or "e=invalid-proof" */
    String last(byte[] clientFinal) {
        String text = new String(clientFinal, StandardCharsets.UTF_8);
        int proofAt = text.lastIndexOf(",p=");
        if (serverFirst == null || proofAt < 0) {
            return "e=other-error";
        }
        String withoutProof = text.substring(0, proofAt);
        String expectedStart = "c=biws,r=" + serverFirst.substring(2, serverFirst.indexOf(','));
        if (!withoutProof.equals(expectedStart)) {
            return "e=invalid-encoding";
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(text.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            return "e=invalid-encoding";
        }
        byte[] signature = hmac(storedKey, authMessage);
        if (proof.length != signature.length) {
            return "e=invalid-proof";
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        if (!MessageDigest.isEqual(sha256(clientKey), storedKey)) {
            return "e=invalid-proof";
        }
        return "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
    }

    static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
