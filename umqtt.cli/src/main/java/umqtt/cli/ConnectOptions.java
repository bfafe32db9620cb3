package umqtt.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import umqtt.api.MqttClient;
import umqtt.api.TlsOptions;
import umqtt.api.spi.TransportOptions;
import umqtt.simple.SimpleClient;

/**
 * The options every command shares: where the broker is ({@link BrokerAddress}), who we are, TLS
 * ({@link TlsFlags}), the will ({@link WillFlags}), the QoS, the protocol ({@code -V}) and MQTT 5's
 * options ({@link V5Words}, read into {@code Mqtt5Options}). A command offers each of its options to
 * {@link #accept} first, calls {@link #finish} when the line is read, then builds its clients with
 * {@link #client()} or, for many clients, {@link #clients()}. With {@code -V mqttv5} the clients are
 * MQTT 5 clients, made by {@code Mqtt5Clients}. Every {@code Mqtt5*} class but {@link Mqtt5Module} is
 * MQTT 5's alone: reached only with {@code -V mqttv5}, after {@link Mqtt5Module#require()}, so they
 * are never loaded without the module {@code umqtt.mqtt5}, and the minimal images leave them out.
 */
final class ConnectOptions {

    /** The help text of these options, shared by every command. */
    static final String HELP = ConnectHelp.TEXT;

    private final BrokerAddress address = new BrokerAddress();
    final TlsFlags tls = new TlsFlags();
    final WillFlags will = new WillFlags();
    String clientId;
    /** {@code -I}: client ids are this and something unique (random hex; a client's index in bench). */
    String idPrefix;
    boolean debug;
    private String user;
    private byte[] password;
    int keepAlive = 60;
    boolean keepSession;
    int qos;
    /** {@code pub --max-inflight}: the window of {@link SimpleClient.Builder#maxInFlight(int)}. */
    int maxInFlight = SimpleClient.DEFAULT_MAX_IN_FLIGHT;
    final List<String[]> headers = new ArrayList<>();
    /** {@code -V}: 4 for MQTT 3.1.1 (the default), 5 for MQTT 5. */
    int version = 4;
    /** {@code -D}, {@code -x} and sub's subscription options as typed: read with {@code -V mqttv5}, refused without. */
    final V5Words v5Words = new V5Words();
    /** The MQTT 5 options, read from {@link #v5Words} with {@code -V mqttv5}; null without it. */
    Mqtt5Options mqtt5;

    /** A command's own options, offered each option before these. */
    interface CommandOptions {
        /**
         * Takes {@code option} (and its value, from {@code args}) if it is one of the command's.
         *
         * @return false when it is not
         */
        boolean take(String option, Args args) throws UsageException;
    }

    /**
     * Reads a command line: each option goes to the command's own options first (so a command may
     * give a letter of these another meaning, as bench does with {@code -c} and {@code -i}), then to
     * these; one that neither takes is refused, mosquitto's MQTT 5 options by name.
     *
     * @param own the command's options
     * @return true when {@code --help} was given: the rest of the line is not read
     */
    boolean read(Args args, CommandOptions own) throws UsageException {
        while (args.hasNext()) {
            String option = args.nextOption();
            if (option.equals("--help")) {
                return true;
            }
            if (!own.take(option, args) && !accept(option, args) && !v5Words.accept(option, args)) {
                V5Words.refuse(option);
            }
        }
        return false;
    }

    /**
     * Takes {@code option} (and its value) if it is one of these options.
     *
     * @return false when the option is not a connection option
     */
    boolean accept(String option, Args args) throws UsageException {
        if (address.accept(option, args) || tls.accept(option, args) || will.accept(option, args)) {
            return true;
        }
        switch (option) {
            case "-i", "--id" -> clientId = args.value();
            case "-I", "--id-prefix" -> idPrefix = args.value();
            case "-d", "--debug" -> debug = true;
            case "--quiet" -> { } // read by Main before the options
            case "-V", "--protocol-version" -> version = protocol(args.value());
            case "-u", "--username" -> user = args.value();
            case "-P", "--pw" -> password = args.value().getBytes(StandardCharsets.UTF_8);
            case "-k", "--keepalive" -> keepAlive = args.intValue(0, 65_535);
            case "-c", "--disable-clean-session" -> keepSession = true;
            case "-q", "--qos" -> qos = args.intValue(0, 2);
            case "--header" -> headers.add(header(args.value()));
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the options together and works out the server URI.
     *
     * @param command the command's name, for the default client id
     */
    void finish(String command) throws UsageException {
        if (version == 5) {
            if (command.equals("probe")) {
                throw new UsageException("probe checks what a broker does with MQTT 3.1.1: -V mqttv5 is not a probe option");
            }
            Mqtt5Module.require();
            mqtt5 = Mqtt5Options.read(v5Words, command); // loaded only now that the module is known to be here
        } else {
            v5Words.refuseWithoutVersion5();
        }
        tls.check();
        will.check();
        if (keepSession && clientId == null) {
            throw new UsageException("-c keeps the session of a client id: give one with -i");
        }
        if (version == 5) {
            mqtt5.check(clientId, command);
        }
        address.resolve(tls.given());
        if (address.user() != null) {
            user = address.user();
            password = address.password();
        }
        if (password != null && user == null && version != 5) {
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
        return server() + " as " + clientId + (keepSession ? ", resuming its session" : ", clean session")
                + ", keepalive " + keepAlive + " s" + (user == null ? "" : ", user " + user)
                + (will.topic() == null ? "" : ", will on " + will.topic());
    }

    /** @return the topic given as the path of {@code -L mqtt://host/topic}, or null */
    String topicFromUrl() {
        return address.topicFromUrl();
    }

    /** @return the broker URI without credentials, for messages */
    String server() {
        return address.server();
    }

    /** @return a client for these options (MQTT 5 with {@code -V mqttv5}), not yet connected */
    MqttClient client() {
        return version == 5 ? Mqtt5Clients.client(this) : builder().build();
    }

    /** @return the calls pub and sub make over a client for these options: MQTT 5's with their properties */
    ClientCalls calls() {
        return version == 5 ? Mqtt5Clients.calls(this) : new ClientCalls(client());
    }

    /**
     * Makes clients with these options and each its own id, for commands that make many (bench).
     *
     * @return a function from a client id to a new client, not yet connected
     */
    Function<String, MqttClient> clients() {
        if (version == 5) {
            return Mqtt5Clients.factory(this);
        }
        SimpleClient.Builder b = builder();
        return id -> b.clientId(id).build();
    }

    /**
     * A 3.1.1 builder set up with these options (server, client id, keepalive, window, credentials,
     * headers, TLS), for probe, which checks MQTT 3.1.1.
     *
     * @return a new builder
     */
    SimpleClient.Builder builder() {
        SimpleClient.Builder b = SimpleClient.builder()
                .server(server())
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
        if (tls.given()) {
            b.tls(tls.options());
        }
        return b;
    }


    /** @return the user name, or null (for {@code probe}'s raw connections) */
    String user() {
        return user;
    }

    /** @return a copy of the password, or null (for {@code probe}'s raw connections) */
    byte[] password() {
        return password == null ? null : password.clone();
    }

    /** @return the TLS options and headers {@link #builder()} gives its clients, for a transport opened by hand */
    TransportOptions transportOptions(Duration connectTimeout) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String[] h : headers) {
            map.put(h[0], h[1]);
        }
        return new TransportOptions(connectTimeout, tls.given() ? tls.options() : TlsOptions.builder().build(), map);
    }

    /** Applies the will options to a client, if a will was given: with {@code -V mqttv5}, with its properties. */
    void applyWill(MqttClient client) {
        if (version == 5) {
            Mqtt5Clients.applyWill(client, this);
        } else {
            will.apply(client);
        }
    }

    private static int protocol(String version) throws UsageException {
        return switch (version.toLowerCase(Locale.ROOT)) {
            case "mqttv311", "311", "4" -> 4;
            case "mqttv5", "5" -> 5;
            case "mqttv31", "31", "3" -> throw new UsageException("MQTT 3.1 (-V " + Args.shown(version) + ") is not "
                    + "supported: use -V mqttv311 (the default) or -V mqttv5");
            default -> throw new UsageException("unknown protocol version '" + Args.shown(version)
                    + "': use -V mqttv311 (also 311, the default) or -V mqttv5 (also 5)");
        };
    }

    private static String[] header(String v) throws UsageException {
        int colon = v.indexOf(':');
        if (colon <= 0) {
            throw new UsageException("--header takes NAME:VALUE, e.g. --header Authorization:Bearer...");
        }
        return new String[] {v.substring(0, colon).trim(), v.substring(colon + 1).trim()};
    }
}
