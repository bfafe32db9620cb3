package umqtt.transport.websocket.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The server's answer to the opening handshake: its status line and headers, and their checks. */
public final class UpgradeResponse {

    private final String statusLine;
    private final int status;
    private final Map<String, String> headers;

    private UpgradeResponse(String statusLine, int status, Map<String, String> headers) {
        this.statusLine = statusLine;
        this.status = status;
        this.headers = headers;
    }

    /**
     * Parses a response head: the status line and headers, without the empty line that ends them.
     *
     * @param bytes the bytes
     * @param off where the head starts
     * @param len its length
     * @param endpoint the server for error messages
     * @return the response
     * @throws IOException when the status line is not HTTP
     */
    public static UpgradeResponse parse(byte[] bytes, int off, int len, String endpoint) throws IOException {
        String head = new String(bytes, off, len, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n");
        // A head of nothing but line breaks splits into no lines at all.
        String statusLine = lines.length == 0 ? "" : lines[0];
        int status = statusCode(statusLine);
        if (status < 0) {
            throw new IOException("the server at " + endpoint + " did not answer the WebSocket upgrade in HTTP/1.1 "
                    + "(status line '" + printable(statusLine) + "'): is this a WebSocket endpoint?");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new UpgradeResponse(statusLine, status, headers);
    }

    /**
     * The status line, e.g. {@code HTTP/1.1 101 Switching Protocols}.
     *
     * @return the line
     */
    public String statusLine() {
        return statusLine;
    }

    /**
     * The status code.
     *
     * @return e.g. 101
     */
    public int status() {
        return status;
    }

    /**
     * A header's value; repeated headers are joined with commas.
     *
     * @param name the header name, any case
     * @return the value, or null when absent
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Checks that the server accepted the upgrade this request asked for (RFC 6455 section 4.1):
     * status 101, {@code Upgrade: websocket}, {@code Connection: Upgrade}, the right
     * {@code Sec-WebSocket-Accept}, one of the offered subprotocols, and no extension.
     *
     * @param request the request sent
     * @param endpoint the server for error messages (no secrets)
     * @return the subprotocol the server chose
     * @throws IOException saying which check failed; for a refusal, with the status line
     */
    public String verify(UpgradeRequest request, String endpoint) throws IOException {
        Objects.requireNonNull(request, "request");
        String prefix = "WebSocket upgrade to " + endpoint;
        if (status != 101) {
            throw new IOException(prefix + " refused: " + printable(statusLine) + hint(status));
        }
        String upgrade = header("Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            throw new IOException(prefix + " failed: the 101 response has 'Upgrade: " + upgrade
                    + "' instead of 'Upgrade: websocket'");
        }
        if (!hasToken(header("Connection"), "upgrade")) {
            throw new IOException(prefix + " failed: the 101 response has 'Connection: " + header("Connection")
                    + "' instead of 'Connection: Upgrade'");
        }
        String accept = header("Sec-WebSocket-Accept");
        String expected = UpgradeRequest.acceptFor(request.key());
        if (accept == null) {
            throw new IOException(prefix + " failed: the response has no Sec-WebSocket-Accept header");
        }
        if (!accept.equals(expected)) {
            throw new IOException(prefix + " failed: Sec-WebSocket-Accept is '" + printable(accept) + "' but must be '"
                    + expected + "' for the key we sent (a proxy or a server that is not WebSocket-aware answered)");
        }
        String extensions = header("Sec-WebSocket-Extensions");
        if (extensions != null && !extensions.isBlank()) {
            throw new IOException(prefix + " failed: the server enabled the extension '" + printable(extensions)
                    + "' that we did not offer");
        }
        String protocol = header("Sec-WebSocket-Protocol");
        if (protocol == null || protocol.isBlank()) {
            throw new IOException(prefix + " failed: the server chose no subprotocol (no Sec-WebSocket-Protocol "
                    + "in its response), but MQTT over WebSocket needs one of " + request.protocols()
                    + ": is this an MQTT endpoint?");
        }
        for (String offered : request.protocols()) {
            if (offered.equalsIgnoreCase(protocol)) {
                return offered;
            }
        }
        throw new IOException(prefix + " failed: the server chose the subprotocol '" + printable(protocol)
                + "' but we offered only " + request.protocols());
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (check the credentials or the headers the server expects)";
            case 404 -> " (check the path in the URI; HiveMQ serves /mqtt, for example)";
            case 400, 426 -> " (the server did not accept this WebSocket handshake)";
            default -> "";
        };
    }

    private static int statusCode(String line) {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            return -1;
        }
        for (int i = 9; i < 12; i++) {
            if (!Character.isDigit(line.charAt(i))) {
                return -1;
            }
        }
        if (line.length() > 12 && line.charAt(12) != ' ') {
            return -1;
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    private static boolean hasToken(String value, String token) {
        if (value == null) {
            return false;
        }
        for (String t : value.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return s.length() > 200 ? sb.append("...").toString() : sb.toString();
    }
}
