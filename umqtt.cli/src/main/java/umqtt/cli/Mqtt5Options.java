package umqtt.cli;

/**
 * The options of mosquitto_pub and mosquitto_sub that exist only in MQTT 5, refused with a usage
 * error that says so (a script written for mosquitto learns why rather than "unknown option").
 */
final class Mqtt5Options {

    private Mqtt5Options() {
    }

    /**
     * Refuses an option no command took.
     *
     * @param option the option
     * @throws UsageException always: naming MQTT 5 for mosquitto's MQTT 5 options, else "unknown option"
     */
    static void refuse(String option) throws UsageException {
        String what = switch (option) {
            case "-D", "--property" -> "-D sets MQTT 5 properties";
            case "-x", "--session-expiry-interval" -> "-x sets the MQTT 5 session expiry interval (-c -i ID keeps a 3.1.1 session)";
            case "--retain-as-published", "--retain-handling", "--no-local" -> option + " is an MQTT 5 subscription option";
            default -> null;
        };
        if (what != null) {
            throw new UsageException(what + ": umqtt speaks MQTT 3.1.1 only");
        }
        throw new UsageException("unknown option " + Args.shown(option));
    }
}
