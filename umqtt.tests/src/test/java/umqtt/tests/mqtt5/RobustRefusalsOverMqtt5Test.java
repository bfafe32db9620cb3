package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.api.MqttClient;
import umqtt.api.MqttException;
import umqtt.mqtt5.Connack;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.ReasonCode;
import umqtt.robust.RobustClient;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.Broker;

/**
 * RobustClient reads an MQTT 5 delegate's reason codes: a refused request is thrown at once on the
 * live link (no reconnect, no retry), a refused CONNECT is a refusal, and the server's DISCONNECT
 * is a lost link to reconnect, not a protocol error.
 */
class RobustRefusalsOverMqtt5Test {

    private static final byte[] PAYLOAD = "x".getBytes(StandardCharsets.UTF_8);

    static List<Refusals> refusals() {
        return Refusals.all().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedPublishIsThrownAtOnceAndTheLinkIsKept(Refusals broker) throws Exception {
        try (broker; Mqtt5Client delegate = broker.client().build();
                RobustClient robust = RobustClient.builder().initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(200)).wrap(delegate)) {
            robust.setCallback(m -> { });
            robust.connect();
            Connack linked = delegate.connack();
            Mqtt5Exception e = assertThrows(Mqtt5Exception.class, () -> robust.publish("denied/x", PAYLOAD, false, 1));
            assertEquals(ReasonCode.NOT_AUTHORIZED, e.code(), e.getMessage());
            if (broker.name().equals("hivemq")) {
                // HiveMQ then closes the link with DISCONNECT 0x87: a lost link, reconnected.
                robust.publish("ok/x", PAYLOAD, false, 1);
            } else {
                robust.publish("ok/x", PAYLOAD, false, 1);
                assertSame(linked, delegate.connack(), "the same link: no reconnect after a refusal");
            }
        }
    }

    @Test
    void aRefusedSubscriptionIsThrownAtOnceAndTheLinkIsKept() throws Exception {
        Refusals hivemq = Refusals.all().filter(r -> r.name().equals("hivemq")).findFirst().orElseThrow();
        try (Mqtt5Client delegate = hivemq.client().build();
                RobustClient robust = RobustClient.builder().initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(200)).wrap(delegate)) {
            robust.setCallback(m -> { });
            robust.connect();
            Connack linked = delegate.connack();
            MqttException e = assertThrows(MqttException.class, () -> robust.subscribe("denied/x", 1));
            assertEquals(ReasonCode.NOT_AUTHORIZED, e.code(), e.getMessage());
            assertEquals(1, robust.subscribe("ok/y", 1));
            assertSame(linked, delegate.connack(), "the same link: no reconnect after a refused subscription");
        }
    }

    @Test
    void aRefusedConnectIsARefusalThrownOnceEveryServerRefused() throws Exception {
        try (Mqtt5Client delegate = Mqtt5Client.builder().clientId("robust-refused")
                .server(Brokers.hivemq().uri(Listener.AUTH).toString())
                .user(Broker.USER).password("wrong").build()) {
            AtomicInteger connects = new AtomicInteger();
            MqttClient counted = (MqttClient) Proxy.newProxyInstance(MqttClient.class.getClassLoader(),
                    new Class<?>[] {MqttClient.class}, (proxy, method, arguments) -> {
                        if (method.getName().equals("connect")) {
                            connects.incrementAndGet();
                        }
                        try {
                            return method.invoke(delegate, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            try (RobustClient robust = RobustClient.builder().initialDelay(Duration.ofMillis(10))
                    .maxDelay(Duration.ofMillis(50)).maxRefusals(2).wrap(counted)) {
                Mqtt5Exception e = assertThrows(Mqtt5Exception.class, robust::connect);
                assertEquals(ReasonCode.BAD_USER_NAME_OR_PASSWORD, e.code(), e.getMessage());
                // a refusal counted against maxRefusals (2): not thrown at once, not retried as a protocol error (3)
                assertEquals(2, connects.get());
            }
        }
    }
}
