package umqtt.tests.brokers;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pretends installed brokers are absent, to try the suite as a machine without them would run
 * it: {@code UMQTT_HIDE_BROKERS=mosquitto} (comma-separated, e.g. {@code mosquitto,aedes}) makes
 * the named broker fixtures, and the programs whose names start with a hidden broker's name
 * ({@code mosquitto_pub}, {@code mosquitto_sub}, {@code mosquitto_passwd}), behave as if not
 * installed. {@code .ci/run} runs the suite once this way.
 */
public final class HiddenBrokers {

    /** The environment variable naming the brokers to hide. */
    public static final String VARIABLE = "UMQTT_HIDE_BROKERS";

    private static final Set<String> HIDDEN = parse(System.getenv(VARIABLE));

    private HiddenBrokers() {
    }

    /**
     * @param broker a broker's name, e.g. {@code "mosquitto"}
     * @return whether {@code UMQTT_HIDE_BROKERS} names it
     */
    public static boolean hides(String broker) {
        return HIDDEN.contains(Objects.requireNonNull(broker, "broker"));
    }

    /**
     * @param program a program's name, e.g. {@code "mosquitto_pub"}
     * @return whether it belongs to a hidden broker (its name is the broker's or starts with it and {@code _})
     */
    static boolean hidesProgram(String program) {
        Objects.requireNonNull(program, "program");
        return HIDDEN.stream().anyMatch(broker -> program.equals(broker) || program.startsWith(broker + "_"));
    }

    static Set<String> parse(String value) {
        if (value == null) {
            return Set.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
