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
        while (args.hasNext()) {
            String option = args.nextOption();
            if (o.connect.accept(option, args)) {
                continue;
            }
            switch (option) {
                case "--help" -> {
                    o.help = true;
                    return o;
                }
                case "-t", "--topic" -> o.topic = args.value();
                case "-m", "--message" -> {
                    o.source(Source.MESSAGE);
                    o.message = args.value();
                }
                case "-f", "--file" -> {
                    o.source(Source.FILE);
                    o.file = args.value();
                }
                case "-s", "--stdin-file" -> o.source(Source.STDIN);
                case "-l", "--stdin-line" -> o.source(Source.LINES);
                case "-n", "--null-message" -> o.source(Source.NULL);
                case "-r", "--retain" -> o.retain = true;
                case "--repeat" -> o.repeat = args.intValue(1, Integer.MAX_VALUE);
                case "--repeat-delay" -> o.repeatDelay = args.secondsValue();
                case "--max-inflight" -> o.connect.maxInFlight = args.intValue(1, SimpleClient.MAX_IN_FLIGHT_LIMIT);
                default -> Mqtt5Options.refuse(option);
            }
        }
        o.check();
        return o;
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
