package umqtt.cli;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import umqtt.simple.SimpleClient;

/**
 * The options of {@code umqtt bench conn|pub|sub}: how many clients, how fast they connect, what
 * and how often they publish, when the run ends. Its own options are read first, so its {@code -c}
 * (clients) and {@code -i} (connect interval) win over the connection options' {@code -c} and
 * {@code -i}; everything else goes to {@link ConnectOptions}.
 */
final class BenchOptions {

    /** What every client does once connected. */
    enum Mode { CONN, PUB, SUB }

    /** The smallest payload: the 8-byte send time in epoch microseconds that {@code sub} reads. */
    static final int TIMESTAMP_BYTES = 8;

    final Mode mode;
    final ConnectOptions connect = new ConnectOptions();
    int clients = 200;
    /** Between two clients' connects, in nanoseconds; 0 starts them all at once. */
    long connectIntervalNanos = 10_000_000L;
    /** Between two publishes of one client, in nanoseconds; 0 publishes as fast as the link takes them. */
    long publishIntervalNanos = 1_000_000_000L;
    /** Messages per client (sent by pub, received by sub); 0 for no limit. */
    long count;
    /** How long the run lasts once started, in nanoseconds; 0 for no limit (until Ctrl-C). */
    long durationNanos;
    String topic;
    int size = 16;
    boolean json;
    /** pub: publishers start once every client has connected (or failed), as emqtt-bench's -w. */
    boolean waitBeforePublishing;
    /** {@code --persistent}: each client keeps its session (set on {@link #connect} once it is checked). */
    private boolean persistent;
    /** Client ids are this and the client's index (1, 2, ...). */
    String idPrefix;

    private BenchOptions(Mode mode) {
        this.mode = mode;
    }

    /**
     * Reads the options after {@code bench MODE}.
     *
     * @return the options, or null when {@code --help} was printed
     */
    static BenchOptions parse(String[] line, Io io) throws UsageException {
        if (line.length == 0) {
            throw new UsageException("bench needs a mode: umqtt bench conn|pub|sub [options] (umqtt bench --help)");
        }
        String word = line[0];
        if (word.equals("--help") || word.equals("-h")) {
            io.out().print(BenchHelp.TEXT);
            return null;
        }
        BenchOptions o = new BenchOptions(switch (word) {
            case "conn" -> Mode.CONN;
            case "pub" -> Mode.PUB;
            case "sub" -> Mode.SUB;
            default -> throw new UsageException("unknown bench mode '" + Args.shown(word) + "': use conn, pub or sub");
        });
        Args args = new Args(java.util.Arrays.copyOfRange(line, 1, line.length));
        if (o.connect.read(args, o::take)) {
            io.out().print(BenchHelp.TEXT);
            return null;
        }
        o.check();
        return o;
    }

    private boolean take(String option, Args args) throws UsageException {
        switch (option) {
            case "-c", "--clients" -> clients = args.intValue(1, 1_000_000);
            case "-i", "--connect-interval" -> connectIntervalNanos = millis(args);
            case "--interval" -> publishIntervalNanos = millis(args);
            case "--rate" -> publishIntervalNanos = rate(args);
            case "--count" -> count = args.intValue(1, Integer.MAX_VALUE);
            case "--duration" -> durationNanos = (long) (args.secondsValue() * 1e9);
            case "-t", "--topic" -> topic = args.value();
            case "-s", "--size" -> size = args.intValue(TIMESTAMP_BYTES, 256 * 1024 * 1024);
            case "--max-inflight" -> connect.maxInFlight = args.intValue(1, SimpleClient.MAX_IN_FLIGHT_LIMIT);
            case "--persistent" -> persistent = true;
            case "--json" -> json = true;
            case "-w", "--wait-before-publishing" -> waitBeforePublishing = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    private void check() throws UsageException {
        if (connect.clientId != null) {
            throw new UsageException("bench names its clients PREFIX1, PREFIX2, ...: give the prefix with -I PREFIX "
                    + "(-i is the connect interval here)");
        }
        if (persistent && connect.idPrefix == null) {
            throw new UsageException("--persistent keeps each client id's session: give -I PREFIX so a second run "
                    + "uses the same ids");
        }
        connect.finish("bench");
        connect.keepSession = persistent; // after finish(), which asks single clients for -i with -c
        idPrefix = connect.idPrefix != null ? connect.idPrefix
                : "umqtt-bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "-";
        if (mode != Mode.CONN && (topic == null || topic.isEmpty())) {
            topic = connect.topicFromUrl();
            if (topic == null || topic.isEmpty()) {
                throw new UsageException("bench " + name() + " needs a topic: -t TOPIC, where %i is the client's "
                        + "index and %c its id, e.g. -t bench/%i");
            }
        }
    }

    /** @return the mode as typed: conn, pub or sub */
    String name() {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** @return client {@code index}'s id */
    String clientId(int index) {
        return idPrefix + index;
    }

    /** @return client {@code index}'s topic, with {@code %i} and {@code %c} replaced */
    String topic(int index) {
        return topic.replace("%i", Integer.toString(index)).replace("%c", clientId(index));
    }

    /** @return a number of milliseconds (fractions allowed) as nanoseconds */
    private static long millis(Args args) throws UsageException {
        return (long) (number(args, "a number of milliseconds (e.g. 0.5), 0 or more", false) * 1e6);
    }

    private static long rate(Args args) throws UsageException {
        return (long) (1e9 / number(args, "messages per second per client, more than 0 (--interval 0 publishes "
                + "as fast as possible)", true));
    }

    private static double number(Args args, String what, boolean positive) throws UsageException {
        String v = args.value();
        try {
            double d = Double.parseDouble(v.trim());
            if (d >= 0 && d <= 1e9 && !(positive && d == 0)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option " + args.option() + " takes " + what + " but was '" + Args.shown(v) + "'");
    }
}
