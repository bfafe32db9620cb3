package umqtt.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
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
}
