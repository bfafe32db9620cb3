package umqtt.mqtt5;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The arithmetic of RFC 5802 §3 with SHA-256 (RFC 7677): from the password, salt, iteration count
 * and AuthMessage to the ClientProof, and the ServerSignature to expect. Every intermediate key is
 * zeroed before {@link #compute} returns.
 */
final class ScramKeys {

    /** ClientProof (to send) and ServerSignature (to expect), each 32 bytes. */
    record Proof(byte[] clientProof, byte[] serverSignature) {
    }

    private ScramKeys() {
    }

    static Proof compute(byte[] password, byte[] salt, int iterations, byte[] authMessage) {
        byte[] salted = saltedPassword(password, salt, iterations);
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = sha256(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] clientProof = new byte[clientKey.length];
        for (int i = 0; i < clientProof.length; i++) {
            clientProof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverSignature = hmac(serverKey, authMessage);
        for (byte[] secret : new byte[][] {salted, clientKey, serverKey, storedKey, clientSignature}) {
            Arrays.fill(secret, (byte) 0);
        }
        return new Proof(clientProof, serverSignature);
    }

    /**
     * Hi(Normalize(password), salt, i) of RFC 5802, which is PBKDF2 with HMAC-SHA-256 and a
     * 32-byte output. PBEKeySpec takes characters, so the UTF-8 password is decoded into an array
     * that is zeroed afterwards (the JDK's own key object keeps a copy until it is collected).
     */
    static byte[] saltedPassword(byte[] password, byte[] salt, int iterations) {
        char[] chars = utf8Chars(password);
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, 256);
        try {
            SecretKey key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec);
            return key.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks PBKDF2WithHmacSHA256, which SCRAM-SHA-256 needs", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    /** @throws IllegalArgumentException when the password is not UTF-8 (RFC 5802 hashes its characters) */
    static char[] utf8Chars(byte[] password) {
        CharBuffer decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(password));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the SCRAM password is not valid UTF-8: RFC 5802 hashes the password's"
                    + " characters; pass the UTF-8 bytes of the password string");
        }
        char[] chars = new char[decoded.remaining()];
        decoded.get(chars);
        Arrays.fill(decoded.array(), '\0');
        return chars;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks HmacSHA256, which SCRAM-SHA-256 needs", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256, which SCRAM-SHA-256 needs", e);
        }
    }
}
