package umqtt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import umqtt.api.MqttClient;
import umqtt.simple.SimpleClient;

/**
 * {@code umqtt pub}: publishes one message (or one per line of input, or one many times), like
 * {@code mosquitto_pub}. Messages go out with {@link MqttClient#send send}, so QoS 1 and 2 keep up
 * to {@code --max-inflight} unacknowledged on the wire (a file of lines goes at window speed over a
 * slow link), and every one is acknowledged ({@link MqttClient#flush flush}) before disconnecting.
 */
final class PubCommand {

    static final String HELP = """
            Usage: umqtt pub {-t TOPIC | -L URL/TOPIC} {-m MESSAGE | -f FILE | -s | -l | -n} [options]

            Publishes a message to an MQTT broker (MQTT 3.1.1, or 5 with -V mqttv5), like mosquitto_pub.
             -t TOPIC           the topic to publish to
             -m MESSAGE         the message, as UTF-8
             -f FILE            the message is the file's bytes
             -s                 the message is all of standard input
             -l                 one message per line of standard input (the newline is not sent)
             -n                 an empty (null) message
             -r                 retain the message
             --repeat N         publish the message N times (not with -l)
             --repeat-delay S   wait S seconds (e.g. 0.5) between repeats
             --max-inflight N   QoS 1 and 2: at most N messages awaiting acknowledgement
                                at once, 1-{MAX} (default {DEF}; 1 waits for each one)
             --help             this help
            """.replace("{MAX}", Integer.toString(SimpleClient.MAX_IN_FLIGHT_LIMIT))
            .replace("{DEF}", Integer.toString(SimpleClient.DEFAULT_MAX_IN_FLIGHT)) + ConnectOptions.HELP + """

            Exit status: 0 sent, 1 bad usage, 2 connection or protocol error, or a message the
            broker refused (MQTT 5: its reason code and reason string on stderr).
            """;

    /**
     * How long the last acknowledgements may take in all before {@code pub} gives up; each one is
     * bounded by the client's response timeout anyway, so this only ends a broker that keeps
     * answering, ever more slowly.
     */
    private static final Duration FLUSH_LIMIT = Duration.ofHours(1);

    private PubCommand() {
    }

    static int run(Args args, Io io) throws UsageException, IOException {
        PubOptions o = PubOptions.parse(args);
        if (o.help) {
            io.out().print(HELP);
            return Main.OK;
        }
        ConnectOptions connect = o.connect;
        byte[] payload = switch (o.source) {
            case MESSAGE -> o.message.getBytes(StandardCharsets.UTF_8);
            case FILE -> readFile(o.file);
            case STDIN -> io.in().readAllBytes();
            case NULL, LINES -> new byte[0];
        };
        ClientCalls calls = connect.calls();
        try (MqttClient client = calls.client) {
            connect.applyWill(client);
            Main.connect(client, connect, io);
            byte[] topicBytes = o.topic.getBytes(StandardCharsets.UTF_8);
            if (o.source == PubOptions.Source.LINES) {
                publishLines(calls, topicBytes, o.retain, connect, io);
            } else {
                Progress progress = new Progress(io.err(), io.progress() && o.repeat > 1);
                for (int i = 0; i < o.repeat; i++) {
                    if (i > 0 && o.repeatDelay > 0) {
                        idle(client, o.repeatDelay);
                    }
                    calls.send(topicBytes, payload, o.retain, connect.qos);
                    connect.debug(io, published(payload.length, o.topic, connect.qos, o.retain));
                    progress.tick();
                }
                progress.finish();
            }
            flush(client, connect, io);
            calls.disconnect();
            connect.debug(io, "disconnected");
        }
        return Main.OK;
    }

    /**
     * One message per line. While no line comes, the client's main-loop step runs every second so
     * it pings within the keepalive, as mosquitto_pub -l stays connected however slowly one types.
     */
    private static void publishLines(ClientCalls calls, byte[] topic, boolean retain, ConnectOptions connect, Io io)
            throws IOException {
        MqttClient client = calls.client;
        Progress progress = new Progress(io.err(), io.progress() && !io.typedInput());
        Lines lines = new Lines(io.in());
        while (true) {
            byte[] line;
            try {
                line = lines.next(1000);
            } catch (java.io.EOFException end) {
                break;
            }
            if (line == null) {
                client.checkMsg();
            } else {
                calls.send(topic, line, retain, connect.qos);
                connect.debug(io, published(line.length, new String(topic, StandardCharsets.UTF_8), connect.qos, retain));
                progress.tick();
            }
        }
        progress.finish();
    }

    /** Waits until the broker has acknowledged every QoS 1 and 2 message sent. */
    private static void flush(MqttClient client, ConnectOptions connect, Io io) throws IOException {
        int waiting = client.inFlight();
        if (!client.flush(FLUSH_LIMIT)) {
            throw new IOException(client.inFlight() + " messages still unacknowledged after "
                    + FLUSH_LIMIT.toMinutes() + " minutes: the broker answers too slowly");
        }
        if (waiting > 0) {
            connect.debug(io, "all acknowledged (" + waiting + " in flight when the last was sent)");
        }
    }

    private static String published(int bytes, String topic, int qos, boolean retain) {
        return "published " + bytes + " bytes to " + topic + " (QoS " + qos + (retain ? ", retained" : "") + ")";
    }

    private static byte[] readFile(String file) throws UsageException {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new UsageException("cannot read -f " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /** Waits between repeats, running the client's main-loop step so it pings within the keepalive. */
    private static void idle(MqttClient client, double seconds) throws IOException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            client.checkMsg();
            try {
                Thread.sleep(Math.max(1, Math.min(100, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted during --repeat-delay");
            }
        }
    }
}
