package umqtt.api.spi;

import java.net.URI;

/**
 * The host and port of a server URI. {@link URI} finds them itself for most names, but takes an
 * authority whose host is not an RFC 2396 host name, such as {@code broker_1:1883} (container and
 * service names often hold {@code _}), as "registry-based" and then reports no host and no port.
 * For those, the authority is parsed here: user info (up to the last {@code @}) dropped, then a
 * host of dot-separated labels of letters, digits, {@code -} and {@code _} (1 to 63 characters
 * each, 253 in all, a trailing dot allowed), then an optional {@code :port}.
 *
 * @param host the host; an IPv6 literal keeps its brackets, as {@link URI#getHost()} gives it
 * @param port the port, or -1 when the URI names none
 */
record ServerAuthority(String host, int port) {

    /**
     * The host and port of a URI.
     *
     * @param uri a hierarchical URI
     * @return the host and port, or null when the URI has no authority or it names no host
     */
    static ServerAuthority of(URI uri) {
        if (uri.getHost() != null) {
            return new ServerAuthority(uri.getHost(), uri.getPort());
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return null;
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        int port = colon < 0 ? -1 : port(hostPort.substring(colon + 1));
        return isHostName(host) && port != -2 ? new ServerAuthority(host, port) : null;
    }

    /** The port written after the colon: -1 when empty (as {@link URI} does), -2 when not a number. */
    private static int port(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        if (digits.length() > 5) {
            return -2;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -2;
            }
        }
        return Integer.parseInt(digits);
    }

    private static boolean isHostName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        int label = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                if (++label > 63) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return label > 0;
    }
}
