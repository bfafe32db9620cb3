package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;

/**
 * A broker that rejects a message by answering it wrongly or by disconnecting (no real broker does
 * on request, hence the scripted one): RobustClient throws the error and does not publish the
 * message again, neither in its retries nor when a later operation reconnects.
 */
class PublishRejectionTest {

    private static final byte[] PAYLOAD = "once".getBytes(StandardCharsets.UTF_8);

    private static RobustClient robust(MisbehavingBroker broker, RecordingLogger log) {
        return RobustClient.builder().initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(20)).logger(log)
                .wrap(SimpleClient.builder().clientId("robust-rejected").server(broker.uri().toString()).build());
    }

    @Test
    void aQos2PublishAnsweredWithPubackIsThrownAndNeverPublishedAgain() throws Exception {
        RecordingLogger log = new RecordingLogger();
        try (MisbehavingBroker broker = MisbehavingBroker.answeringQos2WithPuback();
                RobustClient c = robust(broker, log)) {
            c.connect(false);
            MqttException e = assertThrows(MqttException.class, () -> c.publish("exactly-once", PAYLOAD, false, 2));
            assertEquals(MqttException.PROTOCOL_ERROR, e.code());
            assertTrue(e.getMessage().contains("PUBACK"), "the error names the broker's wrong answer: "
                    + e.getMessage());
            assertEquals(1, broker.publishes("exactly-once"), "re-published after the protocol error: "
                    + broker.journal() + "\nlog:\n" + log.all());
            // The next operation reconnects, resuming the session (what the broker queued for this
            // client is kept); the delegate dropped the wrongly answered message, so it is not sent again.
            c.publish("after", PAYLOAD, false, 1);
            assertEquals(List.of("CONNECT clean=0", "PUBLISH exactly-once qos=2 dup=0",
                    "CONNECT clean=0", "PUBLISH after qos=1 dup=0"),
                    broker.journal(), "log:\n" + log.all());
        }
    }

    @Test
    void aQos1MessageTheBrokerAnswersByDisconnectingIsSentAtMostFiveTimes() throws Exception {
        RecordingLogger log = new RecordingLogger();
        try (MisbehavingBroker broker = MisbehavingBroker.disconnectingOnPublishTo("poison");
                RobustClient c = robust(broker, log)) {
            c.connect(false);
            CompletableFuture<Void> publish = CompletableFuture.runAsync(() -> {
                try {
                    c.publish("poison", PAYLOAD, false, 1);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });
            // Before: re-sent by every reconnect, forever, and the publish never returned.
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> publish.get(10, TimeUnit.SECONDS), () -> broker.publishes("poison") + " sends; log:\n"
                            + log.all());
            assertInstanceOf(EOFException.class, e.getCause(), "the last failure is thrown");
            assertEquals(5, broker.publishes("poison"), "sent once, then re-sent by four reconnects: "
                    + broker.journal());
            assertTrue(log.count("the link broke 5 times while the message was out") == 1, log.all());
            c.publish("after", PAYLOAD, false, 1);
            assertEquals(5, broker.publishes("poison"), "the message was sent again: " + broker.journal());
            List<String> journal = broker.journal();
            assertEquals(List.of("CONNECT clean=1", "DISCONNECT", "CONNECT clean=0", "PUBLISH after qos=1 dup=0"),
                    journal.subList(journal.size() - 4, journal.size()), "the session holding it was discarded");
        }
    }
}
