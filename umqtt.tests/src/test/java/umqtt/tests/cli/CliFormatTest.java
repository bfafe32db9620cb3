package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.Mosquitto;

/**
 * {@code umqtt sub}'s mosquitto_sub options side by side with mosquitto_sub on one Mosquitto:
 * {@code -F} (byte for byte where the output does not depend on the clock, by pattern where it
 * does), {@code -T}, {@code -E}, {@code -U} on a kept session, {@code --remove-retained}, and
 * {@code -W}'s exit status 27.
 */
class CliFormatTest {

    /** Retained messages both tools read: a short payload, one JSON must escape, one of every byte. */
    private static final String ROOT = "cli/format/" + System.nanoTime();
    private static final byte[] ESCAPES = "q\"\\\n\t\u0001é/".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVERY_BYTE = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            EVERY_BYTE[i] = (byte) i;
        }
    }

    private static String port;
    @TempDir
    static Path dir;

    @BeforeAll
    static void retained() throws Exception {
        port = Integer.toString(Brokers.mosquitto().uri(Listener.TCP).getPort());
        tool(0, "mosquitto_pub", "-t", ROOT + "/a", "-m", "short", "-r");
        tool(0, "mosquitto_pub", "-t", ROOT + "/b/c", "-f", Files.write(dir.resolve("escapes"), ESCAPES).toString(), "-r");
        tool(0, "mosquitto_pub", "-t", ROOT + "/d", "-f", Files.write(dir.resolve("every"), EVERY_BYTE).toString(), "-r");
    }

    @AfterAll
    static void clear() throws Exception {
        if (port != null) {
            for (String t : new String[] {"/a", "/b/c", "/d"}) {
                tool(0, "mosquitto_pub", "-t", ROOT + t, "-n", "-r");
            }
        }
    }

    @Test
    void formatFieldsAndEscapesPrintByteForByteTheSame() throws Exception {
        for (String format : new String[] {"%t %p", "%t|%q|%r|%l|%m|%x|%X|%%|%A%C%D%E%F%P%R%S|@@",
                "%p\\0%t\\e\\a\\v\\r\\t\\\\\\n"}) {
            same("-t", ROOT + "/#", "-C", "3", "-F", format);
        }
        same("-t", ROOT + "/#", "-C", "3", "-F", "%t", "-v"); // -F overrides -v
        same("-t", ROOT + "/#", "-C", "3", "-F", "%t;", "-N"); // but not -N
        // Widths where mosquitto 2.0 does what its manual says (it cuts %p to the width and
        // halves hex widths: see SubFormat).
        same("-t", ROOT + "/a", "-C", "1", "-F", "[%10t][%-16t][%.2t][%5.1t][%8p][%-8p][%08p][%5l][%-5l][%05l][%-05l][%5m][%-3m]");
    }

    @Test
    void jsonIsMosquittosButForTheTime() throws Exception {
        // Not the every-byte payload: mosquitto 2.0.11 prints it as "" (cut at the NUL), umqtt as an array.
        Pattern tst = Pattern.compile("\"tst\":\t?\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z[+-]\\d{4}\"");
        for (String t : new String[] {"/a", "/b/c"}) {
            for (List<String> options : List.of(List.of("-F", "%j"), List.of("-F", "%j", "--pretty"),
                    List.of("--pretty", "-F", "[%j]"))) {
                List<String> args = concat(options, "-t", ROOT + t, "-C", "1");
                String a = new String(tool(0, "mosquitto_sub", args.toArray(String[]::new)), StandardCharsets.UTF_8);
                String b = ours(args.toArray(String[]::new)).outText();
                assertTrue(tst.matcher(a).find(), a);
                assertTrue(tst.matcher(b).find(), b);
                assertEquals(tst.matcher(a).replaceAll("TST"), tst.matcher(b).replaceAll("TST"), t + " " + options);
            }
        }
    }

    @Test
    void jsonPayloadsAreWrittenAgainAsMosquittoWritesThem() throws Exception {
        String[] payloads = {
            "{\"temperature\": 27.0, \"humidity\": 57}",
            " [1, 2.5, -0.0, 1e3, 1E-7, 0.1, 123456789012, 1e15, 1e20, 0.30000000000000004, 1e400, 01, 1.] ",
            "{\"a\":{\"b\":[true,false,null,{\"c\":\"d\\u00e9\\n\\/\\\"x\\ud83d\\ude00\"}],\"e\":{}},\"f\":[[],[{}]]}",
            "\"a string\"", "42", "{\"a\":1,}", "[1 2]", "not json",
        };
        for (int i = 0; i < payloads.length; i++) {
            String t = ROOT + "/json/" + i;
            tool(0, "mosquitto_pub", "-t", t, "-m", payloads[i], "-r");
            for (List<String> options : List.of(List.of("-F", "<%J>"), List.of("-F", "<%J>", "--pretty"))) {
                List<String> args = concat(options, "-t", t, "-C", "1");
                Process theirs = process("mosquitto_sub", args.toArray(String[]::new));
                String theirOut = new String(theirs.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String theirErr = new String(theirs.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(theirs.waitFor(15, TimeUnit.SECONDS));
                Cli.Result ours = ours(args.toArray(String[]::new));
                Pattern tst = Pattern.compile("\"tst\":\t?\"[^\"]*\"");
                assertEquals(tst.matcher(theirOut).replaceAll("TST"), tst.matcher(ours.outText()).replaceAll("TST"),
                        payloads[i] + " " + options);
                assertEquals(theirErr, ours.err(), payloads[i] + " " + options);
            }
            tool(0, "mosquitto_pub", "-t", t, "-n", "-r");
        }
    }

    @Test
    void timeFieldsHaveMosquittosShape() throws Exception {
        String format = "%I|%U|@Y-@m-@dT@H:@M:@S.@N|@z|@s|%20I|%.10I";
        Pattern shape = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4}\\|\\d{10}\\.\\d{9}\\|"
                + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}\\|[+-]\\d{4}\\|\\d{10}\\|"
                + " {0}\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4}\\|\\d{4}-\\d\\d-\\d\\d\n");
        String theirs = new String(tool(0, "mosquitto_sub", "-t", ROOT + "/a", "-C", "1", "-F", format), StandardCharsets.UTF_8);
        Cli.Result ours = ours("-t", ROOT + "/a", "-C", "1", "-F", format);
        assertTrue(shape.matcher(theirs).matches(), theirs);
        assertTrue(shape.matcher(ours.outText()).matches(), ours.toString());
    }

    @Test
    void filteredOutTopicsAreNeitherPrintedNorCounted() throws Exception {
        // Two of three retained messages are filtered out; -C 1 still waits for the third.
        byte[] theirs = tool(0, "mosquitto_sub", "-t", ROOT + "/#", "-T", ROOT + "/b/#", "-T", ROOT + "/d", "-C", "1",
                "-v", "-W", "10");
        Cli.Result ours = ours("-t", ROOT + "/#", "-T", ROOT + "/b/#", "-T", ROOT + "/d", "-C", "1", "-v", "-W", "10");
        assertEquals(0, ours.status(), ours.toString());
        assertEquals(ROOT + "/a short\n", new String(theirs, StandardCharsets.UTF_8));
        assertEquals(ROOT + "/a short\n", ours.outText());
        // With everything filtered out, nothing counts: both wait until -W.
        tool(27, "mosquitto_sub", "-t", ROOT + "/#", "-T", "#", "-C", "1", "-W", "1");
        assertEquals(27, ours("-t", ROOT + "/#", "-T", "#", "-C", "1", "-W", "1").status());
    }

    @Test
    void exitOnceSubscribedAndTimeoutStatus27() throws Exception {
        long start = System.nanoTime();
        tool(0, "mosquitto_sub", "-t", ROOT + "/none", "-E", "-W", "20");
        Cli.Result ours = ours("-t", ROOT + "/none", "-E", "-W", "20");
        assertEquals(0, ours.status(), ours.toString());
        assertEquals("", ours.outText());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "-E did not wait for -W");

        Process theirs = process("mosquitto_sub", "-t", ROOT + "/none", "-W", "1");
        String theirErr = new String(theirs.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(theirs.waitFor(15, TimeUnit.SECONDS));
        Cli.Result timedOut = ours("-t", ROOT + "/none", "-W", "1");
        assertEquals(27, theirs.exitValue());
        assertEquals(27, timedOut.status(), timedOut.toString());
        assertEquals(theirErr, timedOut.err());
    }

    @Test
    void unsubscribeFromAKeptSession() throws Exception {
        // For each tool: a kept session subscribes to T; a second run unsubscribes (-U T); a QoS 1
        // message to T is then not queued, while one to the other subscription is.
        for (boolean mosquitto : new boolean[] {true, false}) {
            String id = "cli-format-" + (mosquitto ? "theirs-" : "ours-") + System.nanoTime();
            String t = ROOT + "/unsub/" + (mosquitto ? "theirs" : "ours");
            List<String> session = List.of("-c", "-i", id, "-q", "1");
            run(mosquitto, 0, concat(session, "-t", t + "/gone", "-t", t + "/kept", "-E"));
            run(mosquitto, 0, concat(session, "-t", t + "/kept", "-U", t + "/gone", "-E"));
            tool(0, "mosquitto_pub", "-t", t + "/gone", "-m", "not queued", "-q", "1");
            tool(0, "mosquitto_pub", "-t", t + "/kept", "-m", "queued", "-q", "1");
            String out = run(mosquitto, 0, concat(session, "-t", t + "/kept", "-C", "1", "-v", "-W", "10"));
            assertEquals(t + "/kept queued\n", out, mosquitto ? "mosquitto_sub" : "umqtt sub");
        }
        // umqtt follows mosquitto's manual, where -U may come without -t (mosquitto 2.0.11 wants a -t).
        String id = "cli-format-u-alone-" + System.nanoTime();
        String t = ROOT + "/unsub/alone";
        assertEquals(0, ours("-c", "-i", id, "-q", "1", "-t", t, "-E").status());
        Cli.Result alone = ours("-c", "-i", id, "-q", "1", "-U", t, "-E");
        assertEquals(0, alone.status(), alone.toString());
        tool(0, "mosquitto_pub", "-t", t, "-m", "not queued", "-q", "1");
        assertEquals(27, ours("-c", "-i", id, "-q", "1", "-U", t, "-W", "1").status(), "nothing queued");
    }

    @Test
    void removeRetainedClearsWhatItPrints() throws Exception {
        for (boolean mosquitto : new boolean[] {true, false}) {
            String t = ROOT + "/remove/" + (mosquitto ? "theirs" : "ours");
            for (String leaf : new String[] {"/one", "/two", "/kept"}) {
                tool(0, "mosquitto_pub", "-t", t + leaf, "-m", "stale" + leaf, "-r", "-q", "1");
            }
            // mosquitto_sub 2.0.11 never leaves after -C's count once it has cleared something (it
            // waits for an acknowledgement it does not track): only -W ends it, with 27. umqtt leaves.
            long start = System.nanoTime();
            String first = run(mosquitto, mosquitto ? 27 : 0, List.of("-t", t + "/#", "-T", t + "/kept",
                    "--remove-retained", "-C", "2", "-W", mosquitto ? "2" : "10"));
            List<String> printed = new ArrayList<>(first.lines().toList());
            printed.sort(null);
            assertEquals(List.of("stale/one", "stale/two"), printed, "prints as ever");
            assertTrue(mosquitto || System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8), "umqtt left at -C, not -W");
            // A later subscriber sees only the retained message -T spared.
            String after = new String(tool(0, "mosquitto_sub", "-t", t + "/#", "-C", "1", "-v", "-W", "10"),
                    StandardCharsets.UTF_8);
            assertEquals(t + "/kept stale/kept\n", after, mosquitto ? "mosquitto_sub" : "umqtt sub");
            byte[] none = tool(27, "mosquitto_sub", "-t", t + "/#", "-T", t + "/kept", "-W", "1");
            assertEquals(0, none.length, new String(none, StandardCharsets.UTF_8));
            tool(0, "mosquitto_pub", "-t", t + "/kept", "-n", "-r");
        }
    }

    @Test
    void removeRetainedWorksWithSkipRetainedAsMosquittosManualSays() throws Exception {
        // mosquitto_sub 2.0.11's code skips -R's messages before clearing them; its manual says
        // --remove-retained "still takes effect even if -R is used". umqtt does what the manual says.
        String t = ROOT + "/remove-r";
        tool(0, "mosquitto_pub", "-t", t, "-m", "stale", "-r", "-q", "1");
        Cli.Result r = ours("-t", t, "-R", "--remove-retained", "-W", "1");
        assertEquals(27, r.status(), r.toString());
        assertEquals("", r.outText(), "-R: nothing printed");
        byte[] none = tool(27, "mosquitto_sub", "-t", t, "-W", "1");
        assertEquals(0, none.length, "cleared: " + new String(none, StandardCharsets.UTF_8));
    }

    private static void same(String... args) throws Exception {
        byte[] theirs = tool(0, "mosquitto_sub", args);
        Cli.Result ours = ours(args);
        assertEquals(0, ours.status(), ours.toString());
        assertEquals(hex(theirs), hex(ours.out()), String.join(" ", args));
    }

    private static String hex(byte[] bytes) {
        // Bytes compared as text that shows every one of them, so a difference reads in the message.
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(b >= 0x20 && b < 0x7f && b != '\\' ? Character.toString(b) : String.format("\\x%02x", b & 0xff));
        }
        return s.toString();
    }

    private static Cli.Result ours(String... args) {
        List<String> all = new ArrayList<>(List.of("sub", "-h", "127.0.0.1", "-p", port));
        all.addAll(Arrays.asList(args));
        return Cli.run(all.toArray(String[]::new));
    }

    /** Runs mosquitto_sub or umqtt sub with {@code args}, expecting {@code status}; returns its output. */
    private static String run(boolean mosquitto, int status, List<String> args) throws Exception {
        if (mosquitto) {
            return new String(tool(status, "mosquitto_sub", args.toArray(String[]::new)), StandardCharsets.UTF_8);
        }
        Cli.Result r = ours(args.toArray(String[]::new));
        assertEquals(status, r.status(), r.toString());
        return r.outText();
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static Process process(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Mosquitto.program(name).toString(), "-h", "127.0.0.1", "-p", port));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static byte[] tool(int status, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Mosquitto.program(name).toString(), "-h", "127.0.0.1", "-p", port));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(15, TimeUnit.SECONDS), name + " finished");
        assertEquals(status, p.exitValue(), name + " " + String.join(" ", args));
        return out;
    }
}
