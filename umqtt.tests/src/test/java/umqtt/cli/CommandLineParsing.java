package umqtt.cli;

import java.util.Objects;
import umqtt.api.MqttClient;

/**
 * The command line of {@code pub} and {@code sub} parsed as the commands parse it, up to building
 * the (unconnected) client and setting its will, and no further: for tests that must never
 * connect. The commands' own option readers ({@link PubOptions}, {@link SubOptions}) do the
 * parsing, so what is tested is what runs.
 */
public final class CommandLineParsing {

    /**
     * What the command line came to.
     *
     * @param usageError the usage error's message, or null when the line was accepted
     * @param server the broker URI, when accepted (null for {@code --help})
     * @param description the connection as {@code -d} prints it, when accepted
     * @param topicFromUrl the topic given as the URL's path, or null
     * @param help whether it asked for the help (then nothing else was checked)
     */
    public record Outcome(String usageError, String server, String description, String topicFromUrl, boolean help) {
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
        ConnectOptions connect;
        try {
            Args a = new Args(args);
            connect = switch (command) {
                case "pub" -> PubOptions.parse(a).connect;
                case "sub" -> SubOptions.parse(a).connect;
                default -> throw new IllegalArgumentException("command must be pub or sub but was " + command);
            };
        } catch (UsageException e) {
            return new Outcome(Objects.requireNonNull(e.getMessage(), "usage message"), null, null, null, false);
        }
        if (connect.clientId == null) { // --help: the line was not checked
            return new Outcome(null, null, null, null, true);
        }
        try (MqttClient client = connect.client()) {
            connect.applyWill(client);
        }
        return new Outcome(null, connect.server(), connect.describe(), connect.topicFromUrl(), false);
    }
}
