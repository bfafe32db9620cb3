package umqtt.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code umqtt sub}, read and checked: what to subscribe to, what to print
 * and when to stop, and the connection ({@link ConnectOptions}). Reading it connects nothing, so
 * tests and other commands can parse a line as {@code sub} does.
 */
final class SubOptions {

    final ConnectOptions connect = new ConnectOptions();
    /** {@code -t}: the filters to subscribe to, in order. */
    final List<String> filters = new ArrayList<>();
    /** {@code -T}: topics matching one of these are neither printed nor counted. */
    final List<String> filterOuts = new ArrayList<>();
    /** {@code -U}: the filters to unsubscribe from once subscribed. */
    final List<String> unsubscribes = new ArrayList<>();
    /** {@code -C}: stop after this many printed messages; 0 for no limit. */
    int count;
    /** {@code -W}: seconds until "Timed out"; 0 for none. */
    double timeout;
    boolean verbose;
    boolean newline = true;
    boolean skipRetained;
    boolean retainedOnly;
    boolean removeRetained;
    /** {@code -E}: leave once the subscriptions (and unsubscriptions) are acknowledged. */
    boolean exitAfterSubscribe;
    boolean robust;
    /** {@code -F}: the output format, or null for the payload (and topic with {@code -v}). */
    SubFormat format;
    private String formatText;
    private boolean pretty;
    /** {@code --help}: print the help and do nothing else. */
    boolean help;

    private SubOptions() {
    }

    /**
     * Reads a {@code sub} command line.
     *
     * @param args the options after {@code sub}
     * @return the options; {@link #help} set and nothing checked when {@code --help} was given
     * @throws UsageException for an unknown option, a bad value or options that exclude each other
     */
    static SubOptions parse(Args args) throws UsageException {
        SubOptions o = new SubOptions();
        o.help = o.connect.read(args, o::take);
        if (!o.help) {
            o.check();
        }
        return o;
    }

    private boolean take(String option, Args args) throws UsageException {
        switch (option) {
            case "-t", "--topic" -> filters.add(args.value());
            case "-T", "--filter-out" -> filterOuts.add(filter(args.value(), "-T"));
            case "-U", "--unsubscribe" -> unsubscribes.add(args.value());
            case "-C" -> count = args.intValue(1, Integer.MAX_VALUE);
            case "-W" -> timeout = args.secondsValue();
            case "-E" -> exitAfterSubscribe = true;
            case "-F" -> {
                formatText = args.value();
                SubFormat.compile(formatText); // refused at once, as mosquitto_sub does
            }
            case "--pretty" -> pretty = true;
            case "-v", "--verbose" -> verbose = true;
            case "-N" -> newline = false;
            case "-R" -> skipRetained = true;
            case "--retained-only" -> retainedOnly = true;
            case "--remove-retained" -> removeRetained = true;
            case "--robust" -> robust = true;
            default -> {
                return connect.v5Words.acceptSubscription(option, args);
            }
        }
        return true;
    }

    private void check() throws UsageException {
        connect.finish("sub");
        if (formatText != null) {
            format = SubFormat.compile(formatText, pretty);
        }
        if (filters.isEmpty() && unsubscribes.isEmpty() && connect.topicFromUrl() != null) {
            filters.add(connect.topicFromUrl());
        }
        if (filters.isEmpty() && unsubscribes.isEmpty()) {
            throw new UsageException("no topic: give a filter with -t FILTER (or as the path of -L mqtt://host/FILTER), "
                    + "or one to unsubscribe from with -U FILTER");
        }
        if (robust && connect.version == 5) {
            connect.mqtt5.checkRobust();
        }
        if (skipRetained && retainedOnly) {
            throw new UsageException("-R and --retained-only exclude each other");
        }
        if (timeout > 0 && timeout < 0.001) {
            throw new UsageException("-W needs at least 0.001 seconds");
        }
    }

    /** {@code -T}'s filter, checked here since it is never sent (the client checks -t and -U): as MQTT allows it: not empty, {@code #} only last and alone, {@code +} alone in its level. */
    private static String filter(String f, String option) throws UsageException {
        String why = TopicFilter.problem(f);
        if (why != null) {
            throw new UsageException("invalid topic filter '" + Args.shown(f) + "' for " + option + ": " + why);
        }
        return f;
    }
}
