package umqtt.cli;

import java.util.Objects;
import umqtt.simple.SimpleClient;

/**
 * The command line of {@code pub} and {@code sub} parsed as the commands parse it, up to building
 * the (unconnected) client and setting its will, and no further: for tests that must never
 * connect. The command-specific options are taken the way the commands take them (a value, a
 * number in range, a number of seconds, or a flag), since it is {@link Args} and
 * {@link ConnectOptions} under test.
 */
public final class CommandLineParsing {

    /**
     * What the command line came to.
     *
     * @param usageError the usage error's message, or null when the line was accepted
     * @param server the broker URI, when accepted
     * @param description the connection as {@code -d} prints it, when accepted
     * @param topicFromUrl the topic given as the URL's path, or null
     */
    public record Outcome(String usageError, String server, String description, String topicFromUrl) {
    }

    private CommandLineParsing() {
    }

    /**
     * Parses a command line.
     *
     * @param command "pub" or "sub"
     * @param args the options after the command
     * @return the outcome; a usage error is an outcome, not an exception
     */
    public static Outcome parse(String command, String[] args) {
        Objects.requireNonNull(command, "command");
        ConnectOptions connect = new ConnectOptions();
        try {
            Args a = new Args(args);
            while (a.hasNext()) {
                String option = a.nextOption();
                if (!connect.accept(option, a)) {
                    commandOption(command, option, a, connect);
                }
            }
            connect.finish(command);
        } catch (UsageException e) {
            return new Outcome(Objects.requireNonNull(e.getMessage(), "usage message"), null, null, null);
        }
        try (SimpleClient client = connect.client()) {
            connect.applyWill(client);
        }
        return new Outcome(null, connect.server(), connect.describe(), connect.topicFromUrl());
    }

    private static void commandOption(String command, String option, Args a, ConnectOptions connect) throws UsageException {
        switch (command + " " + option) {
            case "pub -t", "pub --topic", "pub -m", "pub --message", "pub -f", "pub --file", "sub -t", "sub --topic" ->
                a.value();
            case "pub -s", "pub --stdin-file", "pub -l", "pub --stdin-line", "pub -n", "pub --null-message", "pub -r",
                "pub --retain", "sub -v", "sub --verbose", "sub -N", "sub -R", "sub --retained-only", "sub --robust" -> {
            }
            case "pub --repeat", "sub -C" -> a.intValue(1, Integer.MAX_VALUE);
            case "pub --max-inflight" -> connect.maxInFlight = a.intValue(1, umqtt.simple.SimpleClient.MAX_IN_FLIGHT_LIMIT);
            case "pub --repeat-delay", "sub -W" -> a.secondsValue();
            default -> throw new UsageException("unknown option " + Args.shown(option));
        }
    }
}
