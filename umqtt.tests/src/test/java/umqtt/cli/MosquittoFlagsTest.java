package umqtt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mosquitto_pub and mosquitto_sub flags people script with are read by the commands' own
 * option readers ({@link PubOptions}, {@link SubOptions}), as mosquitto spells them; the MQTT 5
 * ones are refused by name. Parsing only: nothing connects.
 */
class MosquittoFlagsTest {

    private static final String CA = "pom.xml"; // any readable file: parsing checks only that

    @Test
    void pubTakesMosquittoPubsFlags() {
        List<List<String>> lines = List.of(
                List.of("-t", "a", "-m", "x", "-r", "-q", "1", "-d", "-i", "id", "-k", "30", "-u", "me", "-P", "pw",
                        "-h", "localhost", "-p", "1883", "-V", "mqttv311", "--repeat", "3", "--repeat-delay", "0.5"),
                List.of("-t", "a", "-f", "pom.xml", "-I", "prefix-"),
                List.of("-t", "a", "-s"),
                List.of("-t", "a", "-l"),
                List.of("-t", "a", "-n", "--will-topic", "w", "--will-payload", "gone", "--will-qos", "1",
                        "--will-retain"),
                List.of("-L", "mqtt://u:p@localhost:1883/a/b", "-m", "x"),
                List.of("-t", "a", "-m", "x", "--cafile", CA, "--capath", ".", "--cert", CA, "--key", CA, "--insecure"),
                List.of("-t", "a", "-m", "x", "--psk", "00ff", "--psk-identity", "me"));
        for (List<String> line : lines) {
            CommandLineParsing.Outcome o = CommandLineParsing.parse("pub", line.toArray(String[]::new));
            assertNull(o.usageError(), "pub " + line);
        }
    }

    @Test
    void subTakesMosquittoSubsFlags() {
        List<List<String>> lines = List.of(
                List.of("-t", "a/#", "-t", "b", "-T", "a/x", "-C", "3", "-W", "5", "-v", "-N", "-R", "-q", "2", "-F", "%j"),
                List.of("-t", "a", "-U", "b", "-E", "-c", "-i", "kept"),
                List.of("-U", "b", "-E", "-c", "-i", "kept"),
                List.of("-t", "#", "--remove-retained", "--retained-only", "--filter-out", "$SYS/#", "--unsubscribe", "x"));
        for (List<String> line : lines) {
            CommandLineParsing.Outcome o = CommandLineParsing.parse("sub", line.toArray(String[]::new));
            assertNull(o.usageError(), "sub " + line);
        }
    }

    @Test
    void mqtt5FlagsAreRefusedByNameWithoutVersion5() {
        for (String command : new String[] {"pub", "sub"}) {
            for (List<String> line : List.of(List.of("-D", "publish", "user-property", "k", "v"), List.of("-x", "60"),
                    List.of("--retain-as-published"))) {
                CommandLineParsing.Outcome o = CommandLineParsing.parse(command, line.toArray(String[]::new));
                assertTrue(o.usageError() != null && o.usageError().contains("MQTT"), command + " " + line + ": " + o);
            }
        }
        assertEquals("-D sets MQTT 5 properties: give -V mqttv5 too (umqtt speaks MQTT 3.1.1 unless told)",
                CommandLineParsing.parse("pub", new String[] {"-t", "a", "-m", "x", "-D", "publish", "content-type", "x"})
                        .usageError());
    }

    @Test
    void mqtt5FlagsWithVersion5() {
        List<List<String>> pub = List.of(
                List.of("-t", "a", "-m", "x", "-V", "5", "-D", "publish", "user-property", "k", "v", "-D", "PUBLISH",
                        "message-expiry-interval", "60", "-D", "connect", "session-expiry-interval", "30", "-i", "me"),
                List.of("-V", "mqttv5", "-t", "a", "-n", "-D", "will", "will-delay-interval", "5", "--will-topic", "w",
                        "-D", "disconnect", "reason-string", "bye"));
        for (List<String> line : pub) {
            assertNull(CommandLineParsing.parse("pub", line.toArray(String[]::new)).usageError(), "pub " + line);
        }
        List<String> sub = List.of("-t", "a", "-V", "5", "--nl", "--rap", "--retain-handling", "1", "-x", "-1", "-c", "-i",
                "kept", "-D", "subscribe", "subscription-identifier", "3", "-D", "unsubscribe", "user-property", "a", "b");
        assertNull(CommandLineParsing.parse("sub", sub.toArray(String[]::new)).usageError(), "sub " + sub);
    }
}
