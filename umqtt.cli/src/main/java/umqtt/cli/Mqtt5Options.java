package umqtt.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The MQTT 5 options of mosquitto_pub and mosquitto_sub with {@code -V mqttv5}: {@code -D}
 * (properties of each packet), {@code -x} (session expiry) and sub's subscription options
 * ({@code --nl}, {@code --rap}, {@code --retain-handling}), read from the words {@link V5Words}
 * kept once the line is read. Plain values only: {@code Mqtt5Clients} turns them into the client's
 * types. Like every {@code Mqtt5*} class but {@link Mqtt5Module}, not in the minimal images, and
 * loaded only after {@link Mqtt5Module#require()}.
 */
final class Mqtt5Options {

    /** A Session Expiry Interval that never ends (mosquitto's -1, 4294967295 or ∞). */
    static final long NEVER = 0xFFFF_FFFFL;

    /** The checked properties of each packet, by its upper-case name. */
    private final Map<String, Mqtt5PacketProperties> packets = new HashMap<>();
    /** {@code -x}: seconds, {@link #NEVER}, or null when not given. */
    Long sessionExpiry;
    /** {@code --nl}: the broker does not send back the client's own messages. */
    boolean noLocal;
    /** {@code --rap}: forwarded messages keep the retain flag they were published with. */
    boolean retainAsPublished;
    /** {@code --retain-handling}: 0 retained messages on subscribing, 1 only for a new subscription, 2 never. */
    int retainHandling;

    private Mqtt5Options() {
    }

    /**
     * Reads the MQTT 5 options of a line with {@code -V mqttv5}.
     *
     * @param words the options as typed
     * @param command the command's name: pub, sub or bench (the packets whose properties it takes)
     * @return the options
     * @throws UsageException for a bad {@code -D} or {@code -x}
     */
    static Mqtt5Options read(V5Words words, String command) throws UsageException {
        List<String> packets = switch (command) {
            case "pub" -> List.of("CONNECT", "PUBLISH", "WILL", "DISCONNECT");
            case "sub" -> List.of("CONNECT", "SUBSCRIBE", "UNSUBSCRIBE", "WILL", "DISCONNECT");
            default -> List.of("CONNECT", "WILL");
        };
        Mqtt5Options o = new Mqtt5Options();
        for (String[] w : words.given) {
            switch (w[0]) {
                case "-D", "--property" -> Mqtt5PropertyFlag.apply(w, packets, o.packets);
                case "-x", "--session-expiry-interval" -> o.sessionExpiry = expiry(w[1]);
                case "--nl", "--no-local" -> o.noLocal = true;
                case "--rap", "--retain-as-published" -> o.retainAsPublished = true;
                case "--retain-handling" -> o.retainHandling = Integer.parseInt(w[1]);
                default -> throw new IllegalStateException("V5Words took " + w[0] + ", which is not read here");
            }
        }
        Mqtt5PacketProperties connect = o.packets.get("CONNECT");
        if (o.sessionExpiry != null && connect != null && connect.sessionExpiry != null) {
            throw new UsageException("give either -x or -D CONNECT session-expiry-interval, not both");
        }
        if (connect != null && connect.sessionExpiry != null) {
            o.sessionExpiry = connect.sessionExpiry;
        }
        return o;
    }

    /**
     * Checks the options against the rest of the line.
     *
     * @param clientId {@code -i}, or null
     * @param command the command's name
     * @throws UsageException for {@code -x} without a client id
     */
    void check(String clientId, String command) throws UsageException {
        if (sessionExpiry != null && sessionExpiry > 0 && clientId == null && !command.equals("bench")) {
            throw new UsageException("-x keeps the session of a client id: give one with -i");
        }
    }

    /**
     * Checks sub's {@code --robust} goes with these options.
     *
     * @throws UsageException when an option needs calls that RobustClient does not make
     */
    void checkRobust() throws UsageException {
        if (subscriptionOptions() || of("SUBSCRIBE") != null || of("UNSUBSCRIBE") != null || of("DISCONNECT") != null) {
            throw new UsageException("--robust subscribes again through the plain client calls after a reconnect: it "
                    + "cannot carry --nl, --rap, --retain-handling, nor -D SUBSCRIBE, UNSUBSCRIBE or DISCONNECT");
        }
    }

    /** @return the properties {@code -D} gave {@code packet} (upper case), or null when none */
    Mqtt5PacketProperties of(String packet) {
        return packets.get(packet);
    }

    /** @return whether a subscription option ({@code --nl}, {@code --rap}, {@code --retain-handling}) was given */
    boolean subscriptionOptions() {
        return noLocal || retainAsPublished || retainHandling != 0;
    }

    private static long expiry(String value) throws UsageException {
        String v = value.trim();
        if (v.equals("-1") || v.equals("∞")) {
            return NEVER;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 0 && n <= NEVER) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("-x takes seconds from 0 to 4294967294, or -1 (also 4294967295 or ∞) for a session "
                + "that never expires, but was '" + Args.shown(value) + "'");
    }
}
