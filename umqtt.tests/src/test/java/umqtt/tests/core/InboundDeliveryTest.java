package umqtt.tests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static umqtt.tests.core.Scripted.async;
import static umqtt.tests.core.Scripted.result;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import umqtt.api.Message;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.ScriptedServer;

/** Inbound acknowledgements: QoS 1 after the callback returns, QoS 2 exactly once even when re-sent. */
class InboundDeliveryTest {

    // PUBLISH QoS 2, packet id 5, topic "a", payload "hi": 34 07 | 00 01 61 | 00 05 | 68 69
    private static final String PUBLISH_QOS2 = "34 07 00 01 61 00 05 68 69";
    // The same with DUP set, as a broker re-sends it.
    private static final String PUBLISH_QOS2_DUP = "3C 07 00 01 61 00 05 68 69";

    @Test
    void qos2IsDeliveredOnceWhenTheBrokerResendsIt() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            Inbox inbox = new Inbox();
            client.setCallback(inbox);
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            conn.sendHex(PUBLISH_QOS2);
            client.waitMsg();
            assertEquals("50 02 00 05", conn.read(Scripted.WAIT).toString(), "PUBREC");
            conn.sendHex(PUBLISH_QOS2_DUP);
            client.waitMsg();
            assertEquals("50 02 00 05", conn.read(Scripted.WAIT).toString(), "PUBREC again, no second delivery");
            conn.sendHex("62 02 00 05"); // PUBREL
            client.waitMsg();
            assertEquals("70 02 00 05", conn.read(Scripted.WAIT).toString(), "PUBCOMP");
            assertEquals(1, inbox.size(), inbox.messages().toString());
            Message m = inbox.messages().get(0);
            assertEquals(2, m.qos());
            assertEquals("hi", new String(m.payload()));
            // After PUBREL the id is free again: a new message with id 5 is a new message.
            conn.sendHex(PUBLISH_QOS2);
            client.waitMsg();
            assertEquals(2, inbox.size());
        }
    }

    @Test
    void aPubrelForAnUnknownIdIsStillCompleted() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            conn.sendHex("62 02 00 2A"); // PUBREL 42, e.g. re-sent by a broker after a reconnect
            client.waitMsg();
            assertEquals("70 02 00 2A", conn.read(Scripted.WAIT).toString(), "PUBCOMP");
        }
    }

    @Test
    void qos1IsAcknowledgedOnlyAfterTheCallbackReturns() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            client.setCallback(m -> {
                throw new IllegalStateException("the application failed to handle " + m.topicString());
            });
            conn.sendHex("32 07 00 01 61 00 09 68 69"); // PUBLISH QoS 1, id 9, topic "a"
            IllegalStateException e = assertThrows(IllegalStateException.class, client::waitMsg);
            assertTrue(e.getMessage().contains("failed to handle a"));
            client.ping();
            assertEquals("C0 00", conn.read(Scripted.WAIT).toString(), "no PUBACK for a message the callback failed");

            Inbox inbox = new Inbox();
            client.setCallback(inbox);
            conn.sendHex("3A 07 00 01 61 00 09 68 69"); // the broker's re-send, DUP set
            client.waitMsg();
            assertEquals("40 02 00 09", conn.read(Scripted.WAIT).toString(), "PUBACK once it was handled");
            assertTrue(inbox.messages().get(0).dup());
        }
    }

    @Test
    void aMessageWithoutACallbackIsAnErrorNotASilentDrop() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            conn.sendHex("30 04 00 01 61 21"); // PUBLISH QoS 0 to "a": "!"
            IllegalStateException e = assertThrows(IllegalStateException.class, client::waitMsg);
            assertTrue(e.getMessage().contains("no callback") && e.getMessage().contains("setCallback"), e.getMessage());
        }
    }

    @Test
    void packetIdsRunFrom1To65535AndWrapWithoutZero() throws Throwable {
        try (ScriptedServer server = ScriptedServer.start();
             SimpleClient client = Scripted.client(server).build()) {
            ScriptedServer.Connection conn = Scripted.connect(server, client);
            int total = 65_535 + 3;
            CompletableFuture<int[]> acker = async(() -> {
                int[] ids = new int[total];
                for (int i = 0; i < total; i++) {
                    var p = conn.read(Scripted.WAIT);
                    ids[i] = Scripted.publishId(p);
                    conn.sendHex("40 02 " + Scripted.id(ids[i]));
                }
                return ids;
            });
            byte[] topic = "ids".getBytes();
            for (int i = 0; i < total; i++) {
                client.publish(topic, new byte[0], false, 1);
            }
            int[] ids = result(acker);
            for (int i = 0; i < total; i++) {
                assertEquals(i % 65_535 + 1, ids[i], "publish #" + i);
            }
        }
    }
}
