package umqtt.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The MQTT 5 options of mosquitto_pub and mosquitto_sub ({@code -D}, {@code -x}, sub's {@code --nl},
 * {@code --rap}, {@code --retain-handling}) as typed, wherever they stand on the line: with
 * {@code -V mqttv5}, {@link Mqtt5Options} reads them once the line is read (so {@code -D ... -V 5}
 * works); without it they are refused by name. This class only takes their words, so that the
 * minimal images, which leave every {@code Mqtt5*} class but {@link Mqtt5Module} out, still refuse them.
 */
final class V5Words {

    /** Each option with its values, in order: {@code -D}'s three or four words, {@code -x}'s value, ... */
    final List<String[]> given = new ArrayList<>();

    /**
     * Takes {@code -D} or {@code -x} (and their values).
     *
     * @return false when the option is neither
     */
    boolean accept(String option, Args args) throws UsageException {
        switch (option) {
            case "-D", "--property" -> {
                String packet = args.value();
                String name = args.value();
                given.add(name.equalsIgnoreCase("user-property") ? new String[] {option, packet, name, args.value(),
                        args.value()} : new String[] {option, packet, name, args.value()});
            }
            case "-x", "--session-expiry-interval" -> given.add(new String[] {option, args.value()});
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes sub's subscription options (and their values).
     *
     * @return false when the option is none of them
     */
    boolean acceptSubscription(String option, Args args) throws UsageException {
        switch (option) {
            case "--nl", "--no-local", "--rap", "--retain-as-published" -> given.add(new String[] {option});
            case "--retain-handling" -> given.add(new String[] {option, Integer.toString(args.intValue(0, 2))});
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses the first MQTT 5 option, if any, when the line has no {@code -V mqttv5}.
     *
     * @throws UsageException naming the option and {@code -V mqttv5}
     */
    void refuseWithoutVersion5() throws UsageException {
        if (given.isEmpty()) {
            return;
        }
        String option = given.get(0)[0];
        throw new UsageException(switch (option) {
            case "-D", "--property" -> "-D sets MQTT 5 properties";
            case "-x", "--session-expiry-interval" -> "-x sets the MQTT 5 session expiry interval (-c -i ID keeps a "
                    + "3.1.1 session)";
            default -> option + " is an MQTT 5 subscription option";
        } + ": give -V mqttv5 too (umqtt speaks MQTT 3.1.1 unless told)");
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
}
