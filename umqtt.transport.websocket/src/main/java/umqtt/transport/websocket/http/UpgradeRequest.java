package umqtt.transport.websocket.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The client's opening handshake (RFC 6455 section 4.1): an HTTP/1.1 GET asking to upgrade to
 * WebSocket with the MQTT subprotocol, plus the user's own headers.
 */
public final class UpgradeRequest {

    /** The subprotocol MQTT 3.1.1 section 6 names. */
    public static final String MQTT_SUBPROTOCOL = "mqtt";

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Headers the handshake itself needs; a user header may not replace them. */
    private static final Set<String> RESERVED = Set.of("upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-accept", "sec-websocket-extensions", "content-length",
            "transfer-encoding");

    private final String target;
    private final String key;
    private final List<String> protocols;
    private final List<String[]> headers = new ArrayList<>();

    /**
     * Builds the request.
     *
     * @param host the Host header, with the port when it is not the scheme's default
     * @param target the request target: the URI's raw path ({@code /} when empty) and query
     * @param key the {@code Sec-WebSocket-Key}, from {@link #newKey(SecureRandom)}
     * @param userHeaders extra headers; {@code Host} and {@code Sec-WebSocket-Protocol} among them
     *     replace ours (a comma-separated protocol list is then what the server may choose from)
     * @throws IllegalArgumentException for a header name that is not an HTTP token, a value with a
     *     line break or other control character, or a header the handshake itself sets
     */
    public UpgradeRequest(String host, String target, String key, Map<String, String> userHeaders) {
        this.target = Objects.requireNonNull(target, "target");
        this.key = Objects.requireNonNull(key, "key");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(userHeaders, "userHeaders");
        String hostHeader = host;
        String protocolHeader = MQTT_SUBPROTOCOL;
        List<String[]> extra = new ArrayList<>();
        for (Map.Entry<String, String> h : userHeaders.entrySet()) {
            String name = Objects.requireNonNull(h.getKey(), "header name");
            String value = Objects.requireNonNull(h.getValue(), "value of header " + name);
            checkName(name);
            checkValue(name, value);
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESERVED.contains(lower)) {
                throw new IllegalArgumentException("header '" + name + "' is set by the WebSocket handshake itself: "
                        + "remove it from the headers");
            }
            if (lower.equals("host")) {
                hostHeader = value;
            } else if (lower.equals("sec-websocket-protocol")) {
                protocolHeader = value;
            } else {
                extra.add(new String[] {name, value});
            }
        }
        List<String> offered = new ArrayList<>();
        for (String p : protocolHeader.split(",")) {
            if (!p.isBlank()) {
                offered.add(p.trim());
            }
        }
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("header 'Sec-WebSocket-Protocol' names no subprotocol: "
                    + "MQTT over WebSocket needs 'mqtt' (or 'mqttv3.1' for old brokers)");
        }
        this.protocols = List.copyOf(offered);
        headers.add(new String[] {"Host", hostHeader});
        headers.add(new String[] {"Upgrade", "websocket"});
        headers.add(new String[] {"Connection", "Upgrade"});
        headers.add(new String[] {"Sec-WebSocket-Key", key});
        headers.add(new String[] {"Sec-WebSocket-Version", "13"});
        headers.add(new String[] {"Sec-WebSocket-Protocol", String.join(", ", protocols)});
        headers.addAll(extra);
    }

    /**
     * A fresh {@code Sec-WebSocket-Key}: 16 random bytes, base64.
     *
     * @param random the strong random source
     * @return the key
     */
    public static String newKey(SecureRandom random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * The {@code Sec-WebSocket-Accept} a server must answer a key with: base64 of the SHA-1 of
     * the key and the RFC's GUID.
     *
     * @param key the {@code Sec-WebSocket-Key} sent
     * @return the expected accept value
     */
    public static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-1, which every Java SE runtime must have", e);
        }
    }

    /**
     * The key sent.
     *
     * @return the {@code Sec-WebSocket-Key}
     */
    public String key() {
        return key;
    }

    /**
     * The subprotocols offered, in order; the server must pick one of them.
     *
     * @return e.g. {@code [mqtt]}
     */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * The request as bytes.
     *
     * @return the request line and headers, ending with an empty line
     */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder(256).append("GET ").append(target).append(" HTTP/1.1\r\n");
        for (String[] h : headers) {
            sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        // Header values may carry UTF-8 (RFC 7230 calls it obs-text); names and our values are ASCII.
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a header name cannot be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c > 0x20 && c < 0x7F && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
            if (!token) {
                throw new IllegalArgumentException("header name '" + name + "' has a character HTTP does not allow "
                        + "at index " + i + ": use letters, digits and - only");
            }
        }
    }

    private static void checkValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                // Never echo the value: it may be a token or a password.
                throw new IllegalArgumentException("the value of header '" + name + "' has a control character "
                        + "(code " + (int) c + ") at index " + i + ": line breaks would split the request");
            }
        }
    }
}
