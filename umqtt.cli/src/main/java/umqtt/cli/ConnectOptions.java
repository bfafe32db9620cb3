package umqtt.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import umqtt.api.TlsOptions;
import umqtt.api.spi.Transports;
import umqtt.simple.SimpleClient;

/**
 * The options {@code pub} and {@code sub} share: where the broker is, who we are, TLS, the will,
 * the QoS. Parses them and builds the {@link SimpleClient}.
 */
final class ConnectOptions {

    /** Schemes whose URI path is the topic, as in mosquitto's {@code -L}; for ws/wss it is the HTTP path. */
    private static final Set<String> TOPIC_IN_PATH = Set.of("mqtt", "tcp", "mqtts", "ssl", "tls");

    /** The help text of these options, shared by both commands. */
    static final String HELP = """
             -L URL             the broker as a URL: mqtt://[user[:password]@]host[:port][/topic]
                                (also mqtts://, and ws:// wss:// where the path is the HTTP path)
             -h HOST            the broker's host (default localhost)
             -p PORT            the broker's port (default 1883, or 8883 with TLS options)
             -i ID              the client id (default umqtt-pub-/umqtt-sub- and random hex)
             -I PREFIX          the client id is PREFIX and random hex
             -u USER            the user name
             -P PASSWORD        the password (never printed)
             -k SECONDS         the keepalive, 0-65535 (default 60)
             -c                 keep the session (clean session off); needs -i
             -q QOS             the quality of service, 0, 1 or 2 (default 0)
             --will-topic T     the last will's topic, published by the broker if we vanish
             --will-payload M   the last will's message (default empty)
             --will-qos QOS     the last will's QoS (default 0)
             --will-retain      retain the last will
             --header N:V       an HTTP header for the WebSocket upgrade (ws://, wss://)
             -V VERSION         the protocol: mqttv311 (also 311), the only one umqtt speaks
             -d                 print what happens (connect, subscribe, publish) on stderr
             --quiet            print no error messages (the exit status still tells)
            TLS (any of these with -h/-p switches to mqtts://):
             --cafile FILE      trust the CA certificates of this PEM file (default: the JDK's)
             --cert FILE        the client certificate (PEM), with --key
             --key FILE         the client's private key (PEM: PKCS#8, PKCS#1 or SEC1)
             --insecure         do not check the server's host name against its certificate
             --psk HEX          TLS-PSK key in hex (never printed), with --psk-identity
             --psk-identity ID  TLS-PSK identity
             --alpn PROTOCOL    offer this ALPN protocol (repeat for more)
            """;

    private String url;
    private String host;
    private Integer port;
    String clientId;
    private String idPrefix;
    boolean debug;
    private String user;
    private byte[] password;
    private int keepAlive = 60;
    boolean keepSession;
    int qos;
    /** {@code pub --max-inflight}: the window of {@link SimpleClient.Builder#maxInFlight(int)}. */
    int maxInFlight = SimpleClient.DEFAULT_MAX_IN_FLIGHT;
    private String willTopic;
    private byte[] willPayload;
    private int willQos;
    private boolean willRetain;
    private final List<String[]> headers = new ArrayList<>();
    private Path cafile;
    private Path cert;
    private Path key;
    private boolean insecure;
    private byte[] psk;
    private String pskIdentity;
    private final List<String> alpn = new ArrayList<>();

    private String server;
    private String topicFromUrl;

    /**
     * Takes {@code option} (and its value) if it is one of these options.
     *
     * @return false when the option is not a connection option
     */
    boolean accept(String option, Args args) throws UsageException {
        switch (option) {
            case "-L", "--url" -> url = args.value();
            case "-h", "--host" -> host = args.value();
            case "-p", "--port" -> port = port(args);
            case "-i", "--id" -> clientId = args.value();
            case "-I", "--id-prefix" -> idPrefix = args.value();
            case "-d", "--debug" -> debug = true;
            case "--quiet" -> { } // read by Main before the options
            case "-V", "--protocol-version" -> protocol(args.value());
            case "-u", "--username" -> user = args.value();
            case "-P", "--pw" -> password = args.value().getBytes(StandardCharsets.UTF_8);
            case "-k", "--keepalive" -> keepAlive = args.intValue(0, 65_535);
            case "-c", "--disable-clean-session" -> keepSession = true;
            case "-q", "--qos" -> qos = args.intValue(0, 2);
            case "--will-topic" -> willTopic = args.value();
            case "--will-payload" -> willPayload = args.value().getBytes(StandardCharsets.UTF_8);
            case "--will-qos" -> willQos = args.intValue(0, 2);
            case "--will-retain" -> willRetain = true;
            case "--header" -> headers.add(header(args.value()));
            case "--cafile" -> cafile = existing(args.value(), "--cafile");
            case "--cert" -> cert = existing(args.value(), "--cert");
            case "--key" -> key = existing(args.value(), "--key");
            case "--insecure" -> insecure = true;
            case "--psk" -> psk = hex(args.value());
            case "--psk-identity" -> pskIdentity = args.value();
            case "--alpn" -> alpn.add(args.value());
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the options together and works out the server URI.
     *
     * @param command "pub" or "sub", for the default client id
     */
    void finish(String command) throws UsageException {
        if ((cert == null) != (key == null)) {
            throw new UsageException("--cert and --key go together: give both or neither");
        }
        if ((psk == null) != (pskIdentity == null)) {
            throw new UsageException("--psk and --psk-identity go together: give both or neither");
        }
        if (willTopic == null && (willPayload != null || willQos != 0 || willRetain)) {
            throw new UsageException("the will options need --will-topic");
        }
        if (keepSession && clientId == null) {
            throw new UsageException("-c keeps the session of a client id: give one with -i");
        }
        if (url != null) {
            if (host != null || port != null) {
                throw new UsageException("give the broker either as -L URL or as -h/-p, not both");
            }
            fromUrl();
        } else {
            String scheme = tlsOptionGiven() ? "mqtts" : "mqtt";
            String h = host == null ? "localhost" : host;
            if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
                h = "[" + h + "]"; // an IPv6 literal
            }
            server = scheme + "://" + h + (port == null ? "" : ":" + port);
            checkUri(server);
        }
        if (password != null && user == null) {
            throw new UsageException("a password needs a user name in MQTT 3.1.1: give -u too");
        }
        if (clientId != null && idPrefix != null) {
            throw new UsageException("give either -i ID or -I PREFIX, not both");
        }
        if (clientId == null) {
            String prefix = idPrefix != null ? idPrefix : "umqtt-" + command + "-";
            clientId = prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        }
    }

    /** Prints {@code what} on standard error when {@code -d} was given. */
    void debug(Io io, String what) {
        if (debug) {
            io.err().println("umqtt: " + what);
            io.err().flush();
        }
    }

    /** @return the connection, for {@code -d}: server, client id, session, keepalive */
    String describe() {
        return server + " as " + clientId + (keepSession ? ", resuming its session" : ", clean session")
                + ", keepalive " + keepAlive + " s" + (user == null ? "" : ", user " + user)
                + (willTopic == null ? "" : ", will on " + willTopic);
    }

    private static void protocol(String version) throws UsageException {
        switch (version.toLowerCase(Locale.ROOT)) {
            case "mqttv311", "311", "4" -> { }
            default -> throw new UsageException("umqtt speaks MQTT 3.1.1 only: -V mqttv311 (not '" + Args.shown(version) + "')");
        }
    }

    /** @return the topic given as the path of {@code -L mqtt://host/topic}, or null */
    String topicFromUrl() {
        return topicFromUrl;
    }

    /** @return the broker URI without credentials, for messages */
    String server() {
        return server;
    }

    /** @return a client for these options, not yet connected */
    SimpleClient client() {
        SimpleClient.Builder b = SimpleClient.builder()
                .server(server)
                .clientId(clientId)
                .keepAlive(Duration.ofSeconds(keepAlive))
                .maxInFlight(maxInFlight);
        if (user != null) {
            b.user(user);
        }
        if (password != null) {
            b.password(password);
        }
        for (String[] h : headers) {
            b.header(h[0], h[1]);
        }
        if (tlsOptionGiven()) {
            TlsOptions.Builder tls = TlsOptions.builder().verifyHostname(!insecure);
            if (cafile != null) {
                tls.trustPem(cafile);
            }
            if (cert != null) {
                tls.clientCertificate(cert, key);
            }
            if (psk != null) {
                tls.psk(pskIdentity, psk);
            }
            if (!alpn.isEmpty()) {
                tls.alpn(alpn.toArray(String[]::new));
            }
            b.tls(tls.build());
        }
        return b.build();
    }

    /** Applies the will options to a client, if a will was given. */
    void applyWill(umqtt.api.MqttClient client) {
        if (willTopic != null) {
            client.setLastWill(willTopic.getBytes(StandardCharsets.UTF_8),
                    willPayload == null ? new byte[0] : willPayload, willRetain, willQos);
        }
    }

    private boolean tlsOptionGiven() {
        return cafile != null || cert != null || psk != null || insecure || !alpn.isEmpty();
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
            return umqtt.api.spi.Transports.checkServerUri(uri); // host names with '_' too
        } catch (IllegalArgumentException e) {
            throw new UsageException("the broker URL: " + e.getMessage());
        }
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Integer port(Args args) throws UsageException {
        String v = args.value();
        try {
            int p = Integer.parseInt(v.trim());
            if (p >= 1 && p <= 65_535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("invalid port '" + Args.shown(v) + "': use a number from 1 to 65535");
    }

    private static Path existing(String file, String option) throws UsageException {
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            throw new UsageException(option + " " + Args.shown(file) + ": no such readable file");
        }
        return p;
    }

    private static String[] header(String v) throws UsageException {
        int colon = v.indexOf(':');
        if (colon <= 0) {
            throw new UsageException("--header takes NAME:VALUE, e.g. --header Authorization:Bearer...");
        }
        return new String[] {v.substring(0, colon).trim(), v.substring(colon + 1).trim()};
    }

    private static byte[] hex(String v) throws UsageException {
        try {
            byte[] key = HexFormat.of().parseHex(v.trim());
            if (key.length > 0) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the key
        }
        throw new UsageException("--psk takes the key as an even number of hex digits (the value is not shown)");
    }
}
