package umqtt.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import umqtt.api.spi.Transports;

/**
 * Where the broker is: {@code -L URL}, or {@code -h HOST} and {@code -p PORT}. Works out the
 * server URI the client is given (never with credentials in it), the topic a URL's path names,
 * and the user and password a URL's user info holds.
 */
final class BrokerAddress {

    /** Schemes whose URI path is the topic, as in mosquitto's {@code -L}; for ws/wss it is the HTTP path. */
    private static final Set<String> TOPIC_IN_PATH = Set.of("mqtt", "tcp", "mqtts", "ssl", "tls");

    private String url;
    private String host;
    private Integer port;

    private String server;
    private String topicFromUrl;
    private String user;
    private byte[] password;

    /**
     * Takes {@code option} (and its value) if it says where the broker is.
     *
     * @return false when it does not
     */
    boolean accept(String option, Args args) throws UsageException {
        switch (option) {
            case "-L", "--url" -> url = args.value();
            case "-h", "--host" -> host = args.value();
            case "-p", "--port" -> port = args.port();
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Works out the server URI.
     *
     * @param tls whether TLS options were given: {@code -h}/{@code -p} then mean {@code mqtts://}
     */
    void resolve(boolean tls) throws UsageException {
        if (url != null) {
            if (host != null || port != null) {
                throw new UsageException("give the broker either as -L URL or as -h/-p, not both");
            }
            fromUrl();
        } else {
            String h = host == null ? "localhost" : host;
            if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
                h = "[" + h + "]"; // an IPv6 literal
            }
            server = (tls ? "mqtts" : "mqtt") + "://" + h + (port == null ? "" : ":" + port);
            checkUri(server);
        }
    }

    /** @return the broker URI without credentials */
    String server() {
        return server;
    }

    /** @return the topic given as the path of {@code -L mqtt://host/topic}, or null */
    String topicFromUrl() {
        return topicFromUrl;
    }

    /** @return the user of the URL's user info, or null */
    String user() {
        return user;
    }

    /** @return the password of the URL's user info, or null */
    byte[] password() {
        return password;
    }

    private void fromUrl() throws UsageException {
        URI uri = checkUri(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Transports.provider(scheme); // a scheme not installed is reported before anything else
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                password = decode(userInfo.substring(colon + 1)).getBytes(StandardCharsets.UTF_8);
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String hostPort = uri.getRawAuthority().substring(userInfo == null ? 0 : userInfo.length() + 1);
        if (TOPIC_IN_PATH.contains(scheme)) {
            // mqtt://host/a/# parses '#' as the start of a fragment: it belongs to the topic.
            String topic = path + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
            if (topic.length() > 1) {
                topicFromUrl = decode(topic.substring(1));
            }
            path = "";
        }
        server = scheme + "://" + hostPort + path;
    }

    /** Parses a URI, checking its port, without echoing credentials in the error. */
    private static URI checkUri(String text) throws UsageException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("the broker URL is not a URL (" + e.getReason()
                    + "): write it as mqtt://host:port/topic");
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new UsageException("the broker URL needs a scheme and a host: write it as mqtt://host:port/topic");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new UsageException("invalid port " + uri.getPort() + " in the broker URL: use 1-65535");
        }
        try {
            return Transports.checkServerUri(uri); // host names with '_' too
        } catch (IllegalArgumentException e) {
            throw new UsageException("the broker URL: " + e.getMessage());
        }
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
