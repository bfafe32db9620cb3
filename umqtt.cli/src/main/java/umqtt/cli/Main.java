package umqtt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import umqtt.api.MqttClient;
import umqtt.api.MqttException;

/**
 * The {@code umqtt} command: {@code umqtt pub ...} and {@code umqtt sub ...}.
 *
 * <p>Exit status: 0 when done, 1 for bad usage (including a URL scheme whose transport module is
 * not installed), 2 for a connection or protocol error, 27 when {@code sub -W} ran out (as
 * mosquitto_sub). The reason goes to standard error; passwords and keys never do.
 */
public final class Main {

    /** Exit status: done. */
    public static final int OK = 0;
    /** Exit status: bad usage (unknown option, missing topic, bad port, scheme not installed). */
    public static final int USAGE = 1;
    /** Exit status: the broker could not be reached, refused us, or broke the protocol. */
    public static final int FAILED = 2;
    /** Exit status: {@code sub -W} ran out before {@code -C}'s count (mosquitto_sub's MOSQ_ERR_TIMEOUT). */
    public static final int TIMED_OUT = 27;

    private static final String HELP = """
            Usage: umqtt pub [options]     publish a message (umqtt pub --help)
                   umqtt sub [options]     subscribe and print messages (umqtt sub --help)
                   umqtt bench conn|pub|sub [options]
                                           load-test a broker with many clients (umqtt bench --help)
                   umqtt probe [options]   find out what a broker really does (umqtt probe --help)

            An MQTT 3.1.1 client (MQTT 5 with -V mqttv5) with the options of mosquitto_pub and
            mosquitto_sub, a load generator and a broker probe.
            """;

    /** The commands, for the hint after a usage error. */
    private static final java.util.Set<String> COMMANDS = java.util.Set.of("pub", "sub", "bench", "probe");

    private Main() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args {@code pub} or {@code sub} and their options
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err, System.in, Terminal.stderr(), Terminal.stdin());
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs the command on the given streams, with no progress line (as in a pipe).
     *
     * @param args {@code pub} or {@code sub} and their options
     * @param out standard output
     * @param err standard error
     * @param in standard input
     * @return the exit status: {@link #OK}, {@link #USAGE}, {@link #FAILED} or {@link #TIMED_OUT}
     */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        return run(args, out, err, in, false, false);
    }

    /**
     * Runs the command on the given streams.
     *
     * @param args {@code pub} or {@code sub} and their options
     * @param out standard output
     * @param err standard error
     * @param in standard input
     * @param progress whether {@code err} is a terminal that may show a live progress line
     * @param typedInput whether {@code in} is a terminal (a person typing)
     * @return the exit status: {@link #OK}, {@link #USAGE}, {@link #FAILED} or {@link #TIMED_OUT}
     */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in, boolean progress,
            boolean typedInput) {
        Objects.requireNonNull(args, "args");
        if (Arrays.asList(args).contains("--quiet")) {
            err = new PrintStream(OutputStream.nullOutputStream());
        }
        Io io = new Io(out, err, in, progress, typedInput);
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(HELP);
            return args.length == 0 ? USAGE : OK;
        }
        String command = args[0];
        Args rest = new Args(Arrays.copyOfRange(args, 1, args.length));
        try {
            return switch (command) {
                case "pub" -> PubCommand.run(rest, io);
                case "sub" -> SubCommand.run(rest, io);
                case "bench" -> BenchCommand.run(Arrays.copyOfRange(args, 1, args.length), io);
                case "probe" -> ProbeCommand.run(rest, io);
                default -> throw new UsageException("unknown command '" + Args.shown(command)
                        + "': use pub, sub, bench or probe");
            };
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            err.println(COMMANDS.contains(command)
                    ? "Use 'umqtt " + command + " --help' to see the options." : "Use 'umqtt --help'.");
            return USAGE;
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Rejected by the client before anything was sent: a scheme not installed, a bad topic.
            err.println("Error: " + e.getMessage());
            if (e.getMessage() != null && e.getMessage().startsWith("no transport installed") && inImage()) {
                err.println("This umqtt image was built without that module: use the 'full' image, "
                        + "or add the module to jlink's --add-modules.");
            }
            return USAGE;
        } catch (IOException e) {
            err.println("Error: " + describe(e));
            return FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Connects, putting the server into a failure's message. */
    static void connect(MqttClient client, ConnectOptions options, Io io) throws IOException {
        options.debug(io, "connecting to " + options.describe());
        try {
            boolean sessionPresent = client.connect(!options.keepSession);
            options.debug(io, "connected (session present: " + sessionPresent + ")");
        } catch (MqttException e) {
            throw new MqttException(e.code(), options.server() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new IOException(options.server() + ": " + describe(e), e);
        }
    }

    /** The message of an exception, or its kind when it has none, with its cause's when that adds to it. */
    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += " (" + cause.getMessage() + ")";
        }
        return message;
    }

    /** Whether this runs from a jlink image with the umqtt launcher (not a JDK with jars). */
    private static boolean inImage() {
        return Files.exists(Path.of(System.getProperty("java.home"), "bin", "umqtt"));
    }
}
