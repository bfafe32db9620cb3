package umqtt.cli;

import umqtt.simple.SimpleClient;

/**
 * The command line of {@code umqtt pub}, read and checked: the topic, where the message comes
 * from, retain, repeats, the window, and the connection ({@link ConnectOptions}). Reading it
 * connects nothing and reads no message.
 */
final class PubOptions {

    /** Where the message comes from: {@code -m}, {@code -f}, {@code -s}, {@code -l} or {@code -n}. */
    enum Source { MESSAGE, FILE, STDIN, LINES, NULL }

    final ConnectOptions connect = new ConnectOptions();
    String topic;
    Source source;
    /** {@code -m}'s message. */
    String message;
    /** {@code -f}'s file. */
    String file;
    boolean retain;
    int repeat = 1;
    double repeatDelay;
    /** {@code --help}: print the help and do nothing else. */
    boolean help;

    private PubOptions() {
    }

    /**
     * Reads a {@code pub} command line.
     *
     * @param args the options after {@code pub}
     * @return the options; {@link #help} set and nothing checked when {@code --help} was given
     * @throws UsageException for an unknown option, a bad value, a missing topic or message
     */
    static PubOptions parse(Args args) throws UsageException {
        PubOptions o = new PubOptions();
        o.help = o.connect.read(args, o::take);
        if (!o.help) {
            o.check();
        }
        return o;
    }

    private boolean take(String option, Args args) throws UsageException {
        switch (option) {
            case "-t", "--topic" -> topic = args.value();
            case "-m", "--message" -> {
                source(Source.MESSAGE);
                message = args.value();
            }
            case "-f", "--file" -> {
                source(Source.FILE);
                file = args.value();
            }
            case "-s", "--stdin-file" -> source(Source.STDIN);
            case "-l", "--stdin-line" -> source(Source.LINES);
            case "-n", "--null-message" -> source(Source.NULL);
            case "-r", "--retain" -> retain = true;
            case "--repeat" -> repeat = args.intValue(1, Integer.MAX_VALUE);
            case "--repeat-delay" -> repeatDelay = args.secondsValue();
            case "--max-inflight" -> connect.maxInFlight = args.intValue(1, SimpleClient.MAX_IN_FLIGHT_LIMIT);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void check() throws UsageException {
        connect.finish("pub");
        if (topic == null) {
            topic = connect.topicFromUrl();
        }
        if (topic == null || topic.isEmpty()) {
            throw new UsageException("no topic: give one with -t TOPIC (or as the path of -L mqtt://host/TOPIC)");
        }
        if (source == null) {
            throw new UsageException("no message: give one with -m, -f FILE, -s, -l or -n");
        }
        if (source == Source.LINES && repeat != 1) {
            throw new UsageException("--repeat works with -m, -f, -s and -n, not with -l");
        }
    }

    private void source(Source next) throws UsageException {
        if (source != null && source != next) {
            throw new UsageException("give only one message source: -m, -f, -s, -l or -n");
        }
        source = next;
    }
}
