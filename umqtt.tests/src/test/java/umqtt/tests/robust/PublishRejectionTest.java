package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;

/**
 * A broker that rejects a message by answering it wrongly (no real broker does on request, hence
 * the scripted one): RobustClient throws the error and does not publish the message again, neither
 * in its retries nor when a later operation reconnects.
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
            // The next operation reconnects; the message still sits in the delegate's session and
            // must not be sent again: that session is discarded (clean, then made persistent again).
            c.publish("after", PAYLOAD, false, 1);
            assertEquals(List.of("CONNECT clean=0", "PUBLISH exactly-once qos=2 dup=0",
                    "CONNECT clean=1", "DISCONNECT", "CONNECT clean=0", "PUBLISH after qos=1 dup=0"),
                    broker.journal(), "log:\n" + log.all());
        }
    }
}
