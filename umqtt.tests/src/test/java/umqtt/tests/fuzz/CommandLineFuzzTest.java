package umqtt.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import umqtt.cli.CommandLineParsing;
import umqtt.cli.CommandLineParsing.Outcome;

/**
 * The command-line parser of {@code umqtt pub} and {@code umqtt sub} under coverage-guided
 * fuzzing, parsing only (it never connects). Any command line is accepted, or refused with a usage
 * error, or rejected by the client builder with an {@link IllegalArgumentException} or
 * {@link IllegalStateException} of its own carrying a message (what {@code Main} reports as a
 * usage error; one the JDK throws means input went unchecked); nothing else escapes, and no password or PSK key shows in a message or in {@code -d}'s
 * description of the connection.
 */
class CommandLineFuzzTest {

    private static final String[] OPTIONS = {
        "-L", "--url", "-h", "--host", "-p", "--port", "-i", "--id", "-I", "--id-prefix", "-d", "--debug", "--quiet",
        "-V", "--protocol-version", "-u", "--username", "-P", "--pw", "-k", "--keepalive", "-c",
        "--disable-clean-session", "-q", "--qos", "--will-topic", "--will-payload", "--will-qos", "--will-retain",
        "--header", "--cafile", "--cert", "--key", "--insecure", "--psk", "--psk-identity", "--alpn",
        "-t", "--topic", "-m", "--message", "-f", "-s", "-l", "-n", "-r", "--repeat", "--repeat-delay",
        "--max-inflight", "-C", "-W", "-v", "-N", "-R", "--retained-only", "--robust", "--help",
        "-T", "--filter-out", "-U", "--unsubscribe", "-E", "-F", "--pretty", "--remove-retained", "--capath", "-D", "-x", "--url=", "--pw=", "--psk=",
    };
    private static final String[] VALUES = {
        "mqtt://localhost/a/b", "mqtts://u:p%40ss@[::1]:8883/t/#", "ws://host:80/mqtt", "wss://h/mqtt?x=1",
        "tcp://h:0", "ssl://h:65536/x", "mqtt://:1883", "localhost", "::1", "1883", "0", "65535", "-1", "1e3",
        "0.5", "NaN", "Infinity", "a/#", "+/x", "", " ", "mqttv311", "311", "00ff", "0g", "Authorization:Bearer x",
        ":v", "2", "3", "pom.xml", "/nonexistent",
        "%t %p", "%-08.3t@N\\e", "%", "%5", "@", "@Q", "\\", "\\q", "%j", "%J", "a/+/#", "a#", "target",
    };

    @FuzzTest(maxDuration = "10m")
    void parsesAnyCommandLineOrRefusesIt(FuzzedDataProvider data) {
        String command = data.consumeBoolean() ? "pub" : "sub";
        int count = data.consumeInt(0, 16);
        List<String> args = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            switch (data.consumeInt(0, 3)) {
                case 0 -> args.add(data.pickValue(OPTIONS));
                case 1 -> args.add(data.pickValue(VALUES));
                case 2 -> args.add(data.pickValue(OPTIONS) + data.pickValue(VALUES));
                // A real command line cannot hold NUL: the OS passes arguments as C strings.
                default -> args.add(data.consumeString(64).replace("\0", ""));
            }
        }
        List<String> secrets = secrets(args);
        Outcome outcome;
        try {
            outcome = CommandLineParsing.parse(command, args.toArray(String[]::new));
        } catch (IllegalArgumentException | IllegalStateException e) {
            assertNotNull(e.getMessage(), "a rejection says why");
            // Our own checks, worded for the user; one thrown inside the JDK is input nobody checked.
            String thrower = e.getStackTrace()[0].getClassName();
            assertTrue(thrower.startsWith("umqtt."), "unchecked input reached " + thrower + ": " + e);
            assertNoSecret(command, secrets, args, e.getMessage());
            return;
        }
        if (outcome.help()) {
            return;
        }
        if (outcome.usageError() != null) {
            assertFalse(outcome.usageError().isBlank(), "a usage error says what is wrong");
            assertNoSecret(command, secrets, args, outcome.usageError());
            return;
        }
        assertTrue(outcome.server().contains("://"), "the server is a URI: " + outcome.server());
        assertNoSecret(command, secrets, args, outcome.server());
        assertNoSecret(command, secrets, args, outcome.description());
    }

    /** The options that take a value, as the commands read them. */
    private static final Set<String> TAKE_VALUE = Set.of(
        "-L", "--url", "-h", "--host", "-p", "--port", "-i", "--id", "-I", "--id-prefix", "-V", "--protocol-version",
        "-u", "--username", "-P", "--pw", "-k", "--keepalive", "-q", "--qos", "--will-topic", "--will-payload",
        "--will-qos", "--header", "--cafile", "--cert", "--key", "--psk", "--psk-identity", "--alpn", "-t", "--topic",
        "-m", "--message", "-f", "--file", "--repeat", "--repeat-delay", "--max-inflight", "-C", "-W",
        "-T", "--filter-out", "-U", "--unsubscribe", "-F", "--capath");

    /**
     * The values that -P, --pw and --psk take (read as the parser reads them: {@code -t -P x}
     * makes "-P" a topic and x no password), and the password in any URL's user info.
     */
    private static List<String> secrets(List<String> args) {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int scheme = a.indexOf("://");
            int at = a.indexOf('@', Math.max(scheme, 0));
            if (scheme >= 0 && at > scheme) {
                String userInfo = a.substring(scheme + 3, at);
                int colon = userInfo.indexOf(':');
                if (colon >= 0 && userInfo.indexOf('/') < 0) { // user info ends at the path
                    secrets.add(userInfo.substring(colon + 1));
                }
            }
            String option = a;
            String inline = null;
            if (a.startsWith("--") && a.indexOf('=') > 2) {
                option = a.substring(0, a.indexOf('='));
                inline = a.substring(a.indexOf('=') + 1);
            }
            boolean secret = option.equals("-P") || option.equals("--pw") || option.equals("--psk");
            if (inline != null) {
                if (secret) {
                    secrets.add(inline);
                }
            } else if (TAKE_VALUE.contains(option) && i + 1 < args.size()) {
                i++;
                if (secret) {
                    secrets.add(args.get(i));
                }
            }
        }
        return secrets;
    }

    /**
     * A distinctive secret of 4 or more characters, written once in the command line, must not
     * show. A secret that still shows when it is replaced in the command line is the message's own
     * wording (a secret "6553" inside "1 to 65535"), not an echo of the input.
     */
    private static void assertNoSecret(String command, List<String> secrets, List<String> args, String text) {
        String line = String.join("\u0000", args);
        for (String secret : secrets) {
            // An option name or listed value is no distinctive secret: messages name options.
            boolean listed = Arrays.asList(OPTIONS).contains(secret.trim()) || Arrays.asList(VALUES).contains(secret.trim());
            if (secret.length() >= 4 && !listed && line.indexOf(secret) == line.lastIndexOf(secret)
                    && text.contains(secret) && !wording(command, args, secret)) {
                throw new AssertionError("the secret " + secret + " of " + args + " shows in: " + text);
            }
        }
    }

    /** Whether every text the parser writes for the command line still holds {@code secret} once it is replaced there. */
    private static boolean wording(String command, List<String> args, String secret) {
        String stand = "\u0416".repeat(secret.length());
        String[] replaced = args.stream().map(a -> a.replace(secret, stand)).toArray(String[]::new);
        String text;
        try {
            Outcome o = CommandLineParsing.parse(command, replaced);
            text = o.usageError() != null ? o.usageError() : o.server() + "\n" + o.description();
        } catch (IllegalArgumentException | IllegalStateException e) {
            text = String.valueOf(e.getMessage());
        }
        return text.contains(secret);
    }
}
