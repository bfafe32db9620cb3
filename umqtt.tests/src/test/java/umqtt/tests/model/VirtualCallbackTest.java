package umqtt.tests.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static umqtt.tests.virtual.WirePacket.PUBACK;
import static umqtt.tests.virtual.WirePacket.PUBLISH;
import static umqtt.tests.virtual.WirePacket.PUBREC;
import static umqtt.tests.virtual.WirePacket.SUBSCRIBE;
import static umqtt.tests.virtual.WirePacket.UNSUBSCRIBE;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import umqtt.api.MessageCallback;
import umqtt.simple.SimpleClient;
import umqtt.tests.virtual.ScriptedBroker;
import umqtt.tests.virtual.VirtualClock;
import umqtt.tests.virtual.VirtualLink;
import umqtt.tests.virtual.WirePacket;

/**
 * Callbacks that disconnect, throw or publish, on the virtual link: the regressions for REVIEW
 * defects 5 (NullPointerException after the callback disconnects), 8 (a callback exception during
 * subscribe turns the late SUBACK into a protocol error) and 9 (deferred deliveries unbounded).
 */
class VirtualCallbackTest {

    /** The most messages a client may hold read but not yet delivered (defect 9). */
    static final int HELD_BOUND = 1_000;

    private final VirtualClock clock = new VirtualClock();
    private final ScriptedBroker broker = new ScriptedBroker();
    private final VirtualLink link = new VirtualLink(clock, broker);

    private SimpleClient connected(MessageCallback callback) throws IOException {
        SimpleClient c = link.client().keepAlive(Duration.ofSeconds(60)).build();
        c.setCallback(callback);
        c.connect();
        return c;
    }

    private static WirePacket message(String topic, int qos, int id) {
        return WirePacket.publish(topic, new byte[] {1, 2, 3}, qos, false, false, id);
    }

    /** What a waitMsg whose callback ended the connection may do: return, or say it was disconnected. */
    private static void endsQuietlyOrSaysDisconnected(SimpleClient c) {
        try {
            c.waitMsg();
        } catch (IOException | IllegalStateException e) {
            assertTrue(e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("disconnect")
                    || e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("not connected"),
                    "the error should say the client was disconnected: " + e);
        } catch (RuntimeException e) {
            throw new AssertionError("waitMsg failed with " + e + " after the callback disconnected", e);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aCallbackThatDisconnectsEndsWaitMsgCleanlyAndLeavesTheMessageUnacknowledged(int qos) throws IOException {
        SimpleClient[] self = new SimpleClient[1];
        int[] calls = new int[1];
        try (SimpleClient c = connected(m -> {
            calls[0]++;
            try {
                self[0].disconnect();
            } catch (IOException e) {
                throw new AssertionError("disconnect failed: " + e, e);
            }
        })) {
            self[0] = c;
            link.current().send(10, message("cmd/shutdown", qos, 7));
            endsQuietlyOrSaysDisconnected(c);
            assertEquals(1, calls[0]);
            assertTrue(link.traffic().toServer(PUBACK).isEmpty() && link.traffic().toServer(PUBREC).isEmpty(),
                    "a message whose callback disconnected is not acknowledged:" + link.traffic());
            assertEquals(WirePacket.DISCONNECT, link.traffic().last().type(), link.traffic().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aCallbackThatSwallowsAFailedPublishEndsWaitMsgWithAnIoException(int qos) throws IOException {
        SimpleClient[] self = new SimpleClient[1];
        broker.silence(PUBLISH).also((conn, p) -> {
            if (p.type() == PUBLISH && p.topic().equals("reply")) {
                conn.cut();
            }
        });
        try (SimpleClient c = connected(m -> {
            try {
                self[0].publish("reply", new byte[] {9}, false, 1);
                fail("the link was cut");
            } catch (IOException expected) {
                // swallowed, as a careless callback would
            }
        })) {
            self[0] = c;
            link.current().send(10, message("cmd/reply", qos, 7));
            try {
                c.waitMsg();
            } catch (IOException | IllegalStateException e) {
                // either says the link is gone; neither is a NullPointerException
            }
            assertTrue(link.traffic().toServer(PUBACK).isEmpty() && link.traffic().toServer(PUBREC).isEmpty(),
                    link.traffic().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {SUBSCRIBE, UNSUBSCRIBE})
    void aCallbackExceptionDuringTheWaitReachesTheCallerAndTheLateAckIsStillConsumed(int request) throws IOException {
        broker.delay(request, 20).also((conn, p) -> {
            if (p.type() == request) {
                conn.send(10, message("early", 0, 0));
            }
        });
        RuntimeException boom = new IllegalStateException("boom from the callback");
        int[] calls = new int[1];
        try (SimpleClient c = connected(m -> {
            if (calls[0]++ == 0) {
                throw boom;
            }
        })) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> {
                        if (request == SUBSCRIBE) {
                            c.subscribe("s/#", 1);
                        } else {
                            c.unsubscribe("s/#");
                        }
                    });
            assertTrue(e == boom || e.getCause() == boom, "the callback's exception reaches the caller: " + e);
            assertEquals(10, clock.millis());
            link.current().send(100, message("later", 0, 0));
            while (calls[0] < 2) {
                c.waitMsg(); // the late acknowledgement, then the message after it
            }
            assertEquals(2, calls[0], "the message after the late acknowledgement was delivered");
            assertEquals(1, link.opened(), "the link is kept:" + link.traffic());
            assertFalse(link.current().closedByClient(), link.traffic().toString());
            c.publish("t", new byte[] {1}, false, 1);
        }
    }

    @org.junit.jupiter.api.Test
    void aFloodDuringACallbacksPublishIsHeldWithinABoundNotBufferedWithoutOne() throws IOException {
        assertTrue(SimpleClient.DEFAULT_MAX_DEFERRED <= HELD_BOUND, "the default bound is within the tests' bound");
        int flood = 5 * HELD_BOUND;
        broker.silence(PUBLISH).also((conn, p) -> {
            if (p.type() == PUBLISH && p.topic().equals("out")) {
                for (int i = 0; i < flood; i++) {
                    conn.send(1, message("flood", 0, 0));
                }
                conn.send(2, WirePacket.ack(PUBACK, p.packetId()));
            }
        });
        SimpleClient[] self = new SimpleClient[1];
        int[] delivered = new int[1];
        int[] maxHeld = new int[1];
        Runnable check = () -> {
            int held = link.current().packetsRead(PUBLISH) - delivered[0];
            maxHeld[0] = Math.max(maxHeld[0], held);
            if (held > HELD_BOUND) {
                throw new AssertionError("the client holds " + held + " messages read but not delivered at t="
                        + clock.millis() + " ms, over the bound of " + HELD_BOUND + " (" + link.current().packetsUnread()
                        + " still unread at the server)");
            }
        };
        try (SimpleClient c = connected(m -> {
            delivered[0]++;
            if (m.topicString().equals("go")) {
                try {
                    self[0].publish("out", new byte[] {1}, false, 1);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e); // waitMsg may fail: the bound is what counts
                }
            }
            check.run();
        })) {
            self[0] = c;
            link.current().send(10, message("go", 0, 0));
            try {
                while (delivered[0] < flood + 1 && clock.millis() < 3_600_000) {
                    c.waitMsg();
                    check.run();
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // A client that stops reading may let the publish time out; it must still have kept the bound.
            }
            assertTrue(maxHeld[0] <= HELD_BOUND, "held at most " + maxHeld[0]);
        }
    }
}
