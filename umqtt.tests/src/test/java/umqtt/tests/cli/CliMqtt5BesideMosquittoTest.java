package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.Mosquitto;

/**
 * {@code umqtt pub|sub -V 5} beside {@code mosquitto_pub|mosquitto_sub -V 5} (Mosquitto 2's own
 * clients) with the same {@code -D} flags: the same properties arrive, and {@code -F}'s property
 * fields print the same bytes.
 */
class CliMqtt5BesideMosquittoTest {

    /** Every field of -F that a property or the message fills, with widths and flags. */
    private static final String FORMAT = "%t|%p|%P|%C|%R|%D|%F|%S|%r|%q|%l|%5S|%-3F|%08E|%10.4C|%-6R|%x|%A";

    private final String port = Integer.toString(Brokers.mosquitto().uri(Listener.TCP).getPort());
    private final String topic = "cli/beside5/" + System.nanoTime();

    private List<String> publishFlags(String t) {
        return List.of("-h", "127.0.0.1", "-p", port, "-V", "5", "-t", t, "-m", "hello there", "-r", "-q", "1",
                "-D", "publish", "user-property", "k1", "v1", "-D", "publish", "user-property", "k2", "v 2",
                "-D", "publish", "content-type", "text/plain", "-D", "publish", "response-topic", "resp/x",
                "-D", "publish", "correlation-data", "corr-1", "-D", "publish", "payload-format-indicator", "1");
    }

    private List<String> subscribeFlags(String filter, String... more) {
        List<String> args = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", port, "-V", "mqttv5", "-t", filter, "-C",
                "1", "-W", "10", "-D", "subscribe", "subscription-identifier", "7"));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void whatMosquittoPubSendsBothSubscribersPrintTheSame() throws Exception {
        String t = topic + "/theirs";
        tool("mosquitto_pub", publishFlags(t));
        for (List<String> print : List.of(List.of("-F", FORMAT), List.of("-v"), List.of("-N"))) {
            byte[] theirs = tool("mosquitto_sub", subscribeFlags(t, print.toArray(String[]::new)));
            Cli.Result ours = Cli.run(concat("sub", subscribeFlags(t, print.toArray(String[]::new))));
            assertEquals(0, ours.status(), ours.toString());
            assertEquals(new String(theirs), ours.outText(), "umqtt sub -V 5 " + print + " prints as mosquitto_sub");
        }
        tool("mosquitto_pub", List.of("-h", "127.0.0.1", "-p", port, "-t", t, "-n", "-r"));
    }

    @Test
    void whatOurPubSendsMosquittoSubPrintsAsWhatMosquittoPubSent() throws Exception {
        tool("mosquitto_pub", publishFlags(topic + "/theirs"));
        Cli.Result pub = Cli.run(concat("pub", publishFlags(topic + "/ours")));
        assertEquals(0, pub.status(), pub.toString());
        String format = FORMAT.replace("%t|", "");
        byte[] fromTheirs = tool("mosquitto_sub", subscribeFlags(topic + "/theirs", "-F", format));
        byte[] fromOurs = tool("mosquitto_sub", subscribeFlags(topic + "/ours", "-F", format));
        assertTrue(new String(fromOurs).startsWith("hello there|k1:v1 k2:v 2|text/plain|resp/x|corr-1|1|7|"),
                new String(fromOurs));
        assertEquals(new String(fromTheirs), new String(fromOurs), "the same properties arrived");
        for (String t : new String[] {topic + "/theirs", topic + "/ours"}) {
            tool("mosquitto_pub", List.of("-h", "127.0.0.1", "-p", port, "-t", t, "-n", "-r"));
        }
    }

    /**
     * {@code -F %j} (and with {@code --pretty}) holds the properties as mosquitto_sub writes them. It
     * writes them in the packet's order, which the client does not keep; published in umqtt's fixed
     * order, the bytes are the same (the time apart).
     */
    @Test
    void jsonHoldsThePropertiesAsMosquittoSubWritesThem() throws Exception {
        String t = topic + "/json";
        tool("mosquitto_pub", List.of("-h", "127.0.0.1", "-p", port, "-V", "5", "-t", t, "-m", "{\"a\":1}", "-r", "-q",
                "1", "-D", "publish", "payload-format-indicator", "1", "-D", "publish", "content-type", "application/json",
                "-D", "publish", "response-topic", "resp/x", "-D", "publish", "correlation-data", "corr-1",
                "-D", "publish", "user-property", "k1", "v1", "-D", "publish", "user-property", "k2", "v 2"));
        for (List<String> print : List.of(List.of("-F", "%j"), List.of("-F", "%J", "--pretty"), List.of("-F", "%j",
                "--pretty"))) {
            String theirs = new String(tool("mosquitto_sub", subscribeFlags(t, print.toArray(String[]::new))));
            Cli.Result ours = Cli.run(concat("sub", subscribeFlags(t, print.toArray(String[]::new))));
            assertEquals(0, ours.status(), ours.toString());
            assertTrue(theirs.contains("\"subscription-identifier\":"), theirs);
            assertEquals(withoutTime(theirs), withoutTime(ours.outText()), "umqtt sub -V 5 " + print);
        }
        tool("mosquitto_pub", List.of("-h", "127.0.0.1", "-p", port, "-t", t, "-n", "-r"));
    }

    private static String withoutTime(String json) {
        return json.replaceFirst("\"tst\":(\\s*)\"[^\"]*\"", "\"tst\":$1\"T\"");
    }

    private static String[] concat(String command, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        return all.toArray(String[]::new);
    }

    private static byte[] tool(String name, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Mosquitto.program(name).toString()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), name + " finished");
        assertEquals(0, p.exitValue(), name + " " + String.join(" ", args));
        return out;
    }
}
