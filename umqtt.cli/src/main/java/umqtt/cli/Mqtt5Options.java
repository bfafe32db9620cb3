package umqtt.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The MQTT 5 options of mosquitto_pub and mosquitto_sub: {@code -D} (properties of each packet),
 * {@code -x} (session expiry) and sub's subscription options ({@code --nl}, {@code --rap},
 * {@code --retain-handling}). They are read wherever they stand on the line and checked once the
 * line is read ({@link #finish}): with {@code -V mqttv5} they apply, without it they are refused by
 * name. Plain values only: {@code Mqtt5Clients} turns them into the client's types.
 */
final class Mqtt5Options {

    /** A Session Expiry Interval that never ends (mosquitto's -1, 4294967295 or ∞). */
    static final long NEVER = 0xFFFF_FFFFL;

    /** Each {@code -D} as typed, checked by {@link #finish}. */
    private final List<String[]> properties = new ArrayList<>();
    /** The MQTT 5 options given, for the refusal without {@code -V mqttv5}. */
    private final List<String> given = new ArrayList<>();
    /** The checked properties of each packet, by its upper-case name. */
    private final Map<String, PacketProperties> packets = new HashMap<>();
    /** {@code -x}: seconds, {@link #NEVER}, or null when not given. */
    Long sessionExpiry;
    /** {@code --nl}: the broker does not send back the client's own messages. */
    boolean noLocal;
    /** {@code --rap}: forwarded messages keep the retain flag they were published with. */
    boolean retainAsPublished;
    /** {@code --retain-handling}: 0 retained messages on subscribing, 1 only for a new subscription, 2 never. */
    int retainHandling;

    /**
     * Takes {@code -D} or {@code -x} (and their values).
     *
     * @return false when the option is neither
     */
    boolean accept(String option, Args args) throws UsageException {
        switch (option) {
            case "-D", "--property" -> properties.add(PropertyFlag.words(args));
            case "-x", "--session-expiry-interval" -> sessionExpiry = expiry(args.value());
            default -> {
                return false;
            }
        }
        given.add(option);
        return true;
    }

    /**
     * Takes sub's subscription options (and their values).
     *
     * @return false when the option is none of them
     */
    boolean acceptSubscription(String option, Args args) throws UsageException {
        switch (option) {
            case "--nl", "--no-local" -> noLocal = true;
            case "--rap", "--retain-as-published" -> retainAsPublished = true;
            case "--retain-handling" -> retainHandling = args.intValue(0, 2);
            default -> {
                return false;
            }
        }
        given.add(option);
        return true;
    }

    /**
     * Checks the options once the line is read.
     *
     * @param mqtt5 whether {@code -V mqttv5} was given
     * @param packets the packets whose properties the command takes ({@code -D}), e.g. CONNECT, PUBLISH
     * @throws UsageException for an MQTT 5 option without {@code -V mqttv5}, or a bad {@code -D}
     */
    void finish(boolean mqtt5, List<String> packets) throws UsageException {
        if (!mqtt5) {
            if (!given.isEmpty()) {
                throw new UsageException(what(given.get(0)) + ": give -V mqttv5 too (umqtt speaks MQTT 3.1.1 unless told)");
            }
            return;
        }
        for (String[] words : properties) {
            PropertyFlag.apply(words, packets, this.packets);
        }
        PacketProperties connect = this.packets.get("CONNECT");
        if (sessionExpiry != null && connect != null && connect.sessionExpiry != null) {
            throw new UsageException("give either -x or -D CONNECT session-expiry-interval, not both");
        }
        if (connect != null && connect.sessionExpiry != null) {
            sessionExpiry = connect.sessionExpiry;
        }
    }

    /** @return the properties {@code -D} gave {@code packet} (upper case), or null when none */
    PacketProperties of(String packet) {
        return packets.get(packet);
    }

    /** @return whether a subscription option ({@code --nl}, {@code --rap}, {@code --retain-handling}) was given */
    boolean subscriptionOptions() {
        return noLocal || retainAsPublished || retainHandling != 0;
    }

    /**
     * Refuses an option no command took.
     *
     * @param option the option
     * @throws UsageException always: sub's subscription options by name, else "unknown option"
     */
    static void refuse(String option) throws UsageException {
        if (List.of("--nl", "--no-local", "--rap", "--retain-as-published", "--retain-handling").contains(option)) {
            throw new UsageException(option + " is an MQTT 5 subscription option: umqtt sub takes it (with -V mqttv5)");
        }
        throw new UsageException("unknown option " + Args.shown(option));
    }

    private static String what(String option) {
        return switch (option) {
            case "-D", "--property" -> "-D sets MQTT 5 properties";
            case "-x", "--session-expiry-interval" -> "-x sets the MQTT 5 session expiry interval (-c -i ID keeps a "
                    + "3.1.1 session)";
            default -> option + " is an MQTT 5 subscription option";
        };
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
