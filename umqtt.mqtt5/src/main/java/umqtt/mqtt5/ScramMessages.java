package umqtt.mqtt5;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.List;

/**
 * The text of SCRAM's messages (RFC 5802 §5, §7): the user name as a saslname, and the server's
 * two messages read into their attributes, each fault a {@link Mqtt5Exception} that says which
 * attribute was wrong. Only attribute names and lengths go into messages, never salts or proofs.
 */
final class ScramMessages {

    /** RFC 7677 §4: a server announces at least 4096 iterations. */
    static final int MIN_ITERATIONS = 4096;
    /**
     * A hostile server could ask for 2^31 iterations and stall the client for hours; a million is
     * above today's advice for PBKDF2-HMAC-SHA-256 (600,000) and takes well under a second.
     */
    static final int MAX_ITERATIONS = 1_000_000;

    /** The server-first-message: the combined nonce, the salt and the iteration count. */
    record ServerFirst(String nonce, byte[] salt, int iterations) {
    }

    private ScramMessages() {
    }

    /** RFC 5802 §5.1: the user name normalized (NFKC, SASLprep's core), "=" as "=3D" and "," as "=2C". */
    static String saslName(String user) {
        String normalized = Normalizer.normalize(user, Normalizer.Form.NFKC);
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("the SCRAM user name is empty: RFC 5802 needs at least one character");
        }
        return normalized.replace("=", "=3D").replace(",", "=2C");
    }

    static ServerFirst serverFirst(byte[] data, String clientNonce) throws Mqtt5Exception {
        List<String> attributes = attributes(data, "server-first-message");
        String first = attributes.get(0);
        if (first.startsWith("m=")) {
            throw fail("the server asked for a mandatory SCRAM extension (m=) this client does not know; RFC 5802 says"
                    + " to fail the authentication");
        }
        if (first.startsWith("e=")) {
            throw serverError(first, "server-first-message");
        }
        if (attributes.size() < 3) {
            throw fail("the server's SCRAM server-first-message has " + attributes.size()
                    + " attribute(s), not r=, s= and i= (RFC 5802 §7); is the server speaking SCRAM-SHA-256?");
        }
        String nonce = value(attributes.get(0), 'r', "server-first-message");
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length() || !printable(nonce)) {
            throw fail("the server's SCRAM nonce does not extend the client's nonce with printable characters of its"
                    + " own (RFC 5802 §5.1): the answer belongs to another exchange or was altered");
        }
        byte[] salt = base64(value(attributes.get(1), 's', "server-first-message"), "salt (s=)");
        int iterations = iterations(value(attributes.get(2), 'i', "server-first-message"));
        return new ServerFirst(nonce, salt, iterations);
    }

    /** @return the ServerSignature the server-final-message carries (v=) */
    static byte[] serverFinal(byte[] data) throws Mqtt5Exception {
        List<String> attributes = attributes(data, "server-final-message");
        String first = attributes.get(0);
        if (first.startsWith("e=")) {
            throw serverError(first, "server-final-message");
        }
        return base64(value(first, 'v', "server-final-message"), "server signature (v=)");
    }

    private static int iterations(String count) throws Mqtt5Exception {
        if (count.isEmpty() || !count.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw fail("the server's SCRAM iteration count (i=) is not a positive number (RFC 5802 §7)");
        }
        long iterations = count.length() > 18 ? Long.MAX_VALUE : Long.parseLong(count);
        if (iterations < MIN_ITERATIONS) {
            throw fail("the server asks for " + iterations + " SCRAM iterations, fewer than the " + MIN_ITERATIONS
                    + " RFC 7677 §4 asks for: a weak password hash; raise the server's iteration count");
        }
        if (iterations > MAX_ITERATIONS) {
            throw fail("the server asks for " + (count.length() > 18 ? count.length() + " digits of" : iterations)
                    + " SCRAM iterations, over this client's limit of " + MAX_ITERATIONS
                    + " (a count that high would stall the client: a denial of service); lower the server's count");
        }
        return (int) iterations;
    }

    private static List<String> attributes(byte[] data, String what) throws Mqtt5Exception {
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.isEmpty() || text.indexOf('\uFFFD') >= 0 || text.indexOf('\0') >= 0) {
            throw fail("the server's SCRAM " + what + " is " + (text.isEmpty() ? "empty" : "not UTF-8 text")
                    + " (" + data.length + " bytes); is the server speaking SCRAM-SHA-256?");
        }
        return List.of(text.split(",", -1));
    }

    private static String value(String attribute, char name, String what) throws Mqtt5Exception {
        if (attribute.length() < 2 || attribute.charAt(0) != name || attribute.charAt(1) != '=') {
            throw fail("the server's SCRAM " + what + " lacks its " + name + "= attribute where RFC 5802 §7 puts it");
        }
        return attribute.substring(2);
    }

    private static byte[] base64(String value, String what) throws Mqtt5Exception {
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            if (bytes.length == 0) {
                throw fail("the server's SCRAM " + what + " is empty");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw fail("the server's SCRAM " + what + " is not base64 (" + value.length() + " characters)");
        }
    }

    private static boolean printable(String nonce) {
        return nonce.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != ',');
    }

    private static Mqtt5Exception serverError(String attribute, String what) {
        // The server's words, shown as printable ASCII and cut short: RFC 5802's values are short tokens.
        String error = attribute.substring(2).codePoints().limit(64)
                .map(c -> c >= 0x20 && c < 0x7F ? c : '?').collect(StringBuilder::new, StringBuilder::appendCodePoint,
                        StringBuilder::append).toString();
        return fail("the server refused the SCRAM authentication in its " + what + ": \"" + error
                + "\" (RFC 5802 §7 server-error-value); check the user name and password, and that the user exists"
                + " on the server for SCRAM-SHA-256");
    }

    static Mqtt5Exception fail(String message) {
        return new Mqtt5Exception(ReasonCode.NOT_AUTHORIZED, message, null, List.of(), null);
    }
}
