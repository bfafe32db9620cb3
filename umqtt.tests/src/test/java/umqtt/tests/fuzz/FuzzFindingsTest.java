package umqtt.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import umqtt.cli.Main;
import umqtt.transport.websocket.http.UpgradeResponse;

/**
 * What the fuzzers found, one plain test per finding, beside the reproducer kept in the fuzz
 * test's seed corpus.
 */
class FuzzFindingsTest {

    /**
     * UpgradeResponseFuzzTest#parseTakesAnyHeadOrRefusesIt, input {@code 0a}: a head of nothing but
     * a line break split into no lines at all, and reading its status line threw
     * ArrayIndexOutOfBoundsException.
     */
    @Test
    void anUpgradeResponseOfOnlyALineBreakIsRefusedAsNotHttp() {
        for (String head : new String[] {"\n", "\r\n", "\n\n", "\r\n\r\n"}) {
            IOException e = assertThrows(IOException.class,
                    () -> UpgradeResponse.parse(head.getBytes(), 0, head.length(), "ws://server/mqtt"));
            assertTrue(e.getMessage().contains("did not answer the WebSocket upgrade in HTTP/1.1"), e.getMessage());
        }
    }

    /**
     * CommandLineFuzzTest, input {@code 01d501d5} ({@code sub} with the bare word
     * {@code mqtts://u:p%40ss@[::1]:8883/t/#}): a URL given without {@code -L} was echoed whole in
     * the usage error, password and all. So were a URL given where a number, a port, a protocol
     * version, a file or the command belongs, and (input {@code crash-d9143610...}) one run into an
     * option, {@code --urlmqtts://u:p%40ss@...}, as an unknown option.
     */
    @Test
    void aUrlInTheWrongPlaceIsShownWithoutItsUserInfo() {
        String url = "mqtt://alice:s3cret-pw@broker:1883/t";
        String[][] lines = {
            {"sub", url}, {"pub", "-k", url}, {"sub", "-W", url}, {"pub", "-p", url}, {"sub", "-V", url},
            {"pub", "--cafile", url}, {url, "-t", "x"}, {"sub", "--url" + url}, {"pub", "-t", "x", "-m", "y", "--url" + url},
        };
        for (String[] line : lines) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(line, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true),
                    new ByteArrayInputStream(new byte[0]));
            String shown = err.toString(StandardCharsets.UTF_8);
            assertTrue(status == Main.USAGE, String.join(" ", line) + " -> " + status + ": " + shown);
            assertTrue(shown.contains("mqtt://***@broker:1883/t"), "the URL shown, masked: " + shown);
            assertTrue(!shown.contains("s3cret-pw") && !shown.contains("alice"), "the user info shows in: " + shown);
        }
    }
}
