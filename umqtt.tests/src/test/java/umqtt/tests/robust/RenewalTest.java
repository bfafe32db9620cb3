package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import umqtt.robust.BackoffStrategy;
import umqtt.robust.RobustClient;

/**
 * The renewal of subscriptions after a reconnect is completed even when the callback, called by
 * the delegate while it waits for a SUBACK, throws in the middle of it.
 */
class RenewalTest {

    private static RobustClient robust(FakeClient a) {
        return RobustClient.builder().backoff(BackoffStrategy.fixed(Duration.ZERO)).logger(new RecordingLogger())
                .wrap(a);
    }

    @Test
    void aCallbackThrowingDuringTheRenewalIsThrownAndTheNextOperationCompletesTheRenewal() throws IOException {
        FakeClient a = new FakeClient("a");
        RobustClient c = robust(a);
        c.connect(true);
        c.subscribe("a", 1);
        c.subscribe("b", 1);
        c.subscribe("c", 2);
        a.calls.clear();
        IllegalStateException fromCallback = new IllegalStateException("the callback failed");
        a.failOperations(new SocketException("reset")).answerConnect(false).callbackThrowsIn("subscribe(b,1)",
                fromCallback);
        assertSame(fromCallback, assertThrows(IllegalStateException.class, c::ping));
        assertEquals(List.of("a ping", "a connect(false)", "a subscribe(a,1)", "a subscribe(b,1)"), a.calls);
        a.calls.clear();
        c.ping();
        assertEquals(List.of("a subscribe(b,1)", "a subscribe(c,2)", "a ping"), a.calls,
                "the renewal was left half done");
        a.calls.clear();
        c.ping();
        assertEquals(List.of("a ping"), a.calls, "renewed once is enough");
    }

    @Test
    void aCallbackThrowingDuringTheRenewalOfAnExplicitConnectLeavesTheClientConnected() throws IOException {
        FakeClient a = new FakeClient("a");
        RobustClient c = robust(a);
        c.connect(true);
        c.subscribe("x", 1);
        c.subscribe("y", 0);
        c.disconnect();
        a.calls.clear();
        a.answerConnect(false).callbackThrowsIn("subscribe(x,1)", new IllegalStateException("the callback failed"));
        assertThrows(IllegalStateException.class, () -> c.connect(false));
        c.ping();
        assertEquals(List.of("a connect(false)", "a subscribe(x,1)", "a subscribe(x,1)", "a subscribe(y,0)",
                "a ping"), a.calls, "the delegate is connected: no second connect, and the renewal completed");
    }
}
