package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.MqttException;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;
import umqtt.tests.brokers.Broker;
import umqtt.tests.brokers.Broker.Listener;

/** The delegate's credentials and last will keep working across reconnects; bad credentials are not retried forever. */
class CredentialsAndWillTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String WRONG = "wrong-password-7f3a";

    private static RobustClient.Builder fast(RecordingLogger log) {
        return RobustClient.builder().initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(50)).logger(log);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#withAuth")
    void badCredentialsAreRefusedAndNotRetriedForever(Broker broker) throws Exception {
        RecordingLogger log = new RecordingLogger();
        try (FaultProxy proxy = FaultProxy.to(broker.uri(Listener.AUTH))) {
            SimpleClient wrong = SimpleClient.builder().clientId("robust-wrong").server(proxy.uri().toString())
                    .user(Broker.USER).password(WRONG).build();
            try (RobustClient c = fast(log).wrap(wrong)) {
                MqttException e = assertThrows(MqttException.class, () -> c.connect(false));
                assertTrue(e.code() == MqttException.BAD_USER_NAME_OR_PASSWORD
                        || e.code() == MqttException.NOT_AUTHORIZED, "code " + e.code());
                assertEquals(1, proxy.accepted(), "a refusal was retried by default");
            }
            SimpleClient wrongAgain = SimpleClient.builder().clientId("robust-wrong").server(proxy.uri().toString())
                    .user(Broker.USER).password(WRONG).build();
            try (RobustClient c = fast(log).maxRefusals(3).wrap(wrongAgain)) {
                assertThrows(MqttException.class, () -> c.connect(false));
                assertEquals(1 + 3, proxy.accepted(), "maxRefusals(3) made another number of attempts");
            }
            assertFalse(log.all().contains(WRONG), "the password was logged");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#withAuth")
    void credentialsAreSentAgainOnEveryReconnect(Broker broker) throws Exception {
        RecordingLogger log = new RecordingLogger();
        String topic = "robust/auth/" + System.nanoTime();
        try (FaultProxy proxy = FaultProxy.to(broker.uri(Listener.AUTH));
                RobustClient c = fast(log).wrap(SimpleClient.builder().clientId("robust-auth-" + System.nanoTime())
                        .server(proxy.uri().toString()).user(Broker.USER).password(Broker.PASSWORD).build())) {
            c.connect(false);
            for (int i = 0; i < 3; i++) {
                proxy.cutAll();
                c.publish(topic, ("m-" + i).getBytes(StandardCharsets.UTF_8), false, 1);
            }
            assertEquals(4, proxy.accepted(), "each cut should cost one reconnect");
            assertFalse(log.all().contains(Broker.PASSWORD), "the password was logged");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void theLastWillIsSentWithEveryReconnect(Broker broker) throws Exception {
        URI uri = broker.uri(Listener.TCP);
        String willTopic = "robust/will/" + System.nanoTime();
        RecordingLogger log = new RecordingLogger();
        try (Receiver receiver = Receiver.direct(uri, willTopic, 1);
                FaultProxy proxy = FaultProxy.to(uri);
                RobustClient c = fast(log).wrap(SimpleClient.builder().clientId("robust-will-" + System.nanoTime())
                        .server(proxy.uri().toString()).build())) {
            c.setLastWill(willTopic.getBytes(StandardCharsets.UTF_8), "gone".getBytes(StandardCharsets.UTF_8), false, 1);
            c.connect(false);
            proxy.cutAll();
            assertTrue(receiver.await("gone", 1, WAIT), "no will after the first cut");
            // A QoS 1 publish waits for its PUBACK, so it surely finds the cut and reconnects.
            c.publish(willTopic + "/alive", new byte[] {1}, false, 1);
            proxy.cutAll();
            assertTrue(receiver.await("gone", 2, WAIT), "the reconnect did not carry the will");
        }
    }
}
