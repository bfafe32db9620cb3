package umqtt.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import umqtt.api.MqttClient;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.UserProperty;

/**
 * {@code -V mqttv5}: MQTT 5 clients made from the command line's options, with {@code -x} and the
 * {@code -D} properties of CONNECT and WILL. With {@link Mqtt5Calls}, the only classes of umqtt.cli
 * that name an MQTT 5 type; {@link ConnectOptions} reaches them only with {@code -V mqttv5}, after
 * {@link Mqtt5Module#require()}, so they are never loaded without the module.
 */
final class Mqtt5Clients {

    private Mqtt5Clients() {
    }

    /** @return an MQTT 5 client for these options, not yet connected */
    static MqttClient client(ConnectOptions o) {
        return builder(o).build();
    }

    /** @return pub's and sub's calls over a new MQTT 5 client, with the properties of each packet */
    static ClientCalls calls(ConnectOptions o) {
        return new Mqtt5Calls(builder(o).build(), o.mqtt5);
    }

    /** @return a function from a client id to a new MQTT 5 client with these options (bench) */
    static Function<String, MqttClient> factory(ConnectOptions o) {
        Mqtt5Client.Builder b = builder(o);
        return id -> b.clientId(id).build();
    }

    /** Sets the will, with WILL's properties and delay, on an MQTT 5 client; another gets the plain will. */
    static void applyWill(MqttClient client, ConnectOptions o) {
        WillFlags will = o.will;
        if (will.topic == null) {
            return;
        }
        byte[] topic = will.topic.getBytes(StandardCharsets.UTF_8);
        byte[] payload = will.payload == null ? new byte[0] : will.payload;
        if (!(client instanceof Mqtt5Client c)) {
            client.setLastWill(topic, payload, will.retain, will.qos);
            return;
        }
        Mqtt5PacketProperties p = o.mqtt5.of("WILL");
        Duration delay = Duration.ofSeconds(p == null || p.willDelay == null ? 0 : p.willDelay);
        c.setLastWill(topic, payload, will.retain, will.qos, publishProperties(p), delay);
    }

    private static Mqtt5Client.Builder builder(ConnectOptions o) {
        Mqtt5Client.Builder b = Mqtt5Client.builder()
                .server(o.server())
                .clientId(o.clientId)
                .keepAlive(Duration.ofSeconds(o.keepAlive))
                .maxInFlight(o.maxInFlight);
        if (o.user() != null) {
            b.user(o.user());
        }
        byte[] password = o.password();
        if (password != null) {
            b.password(password);
        }
        for (String[] h : o.headers) {
            b.header(h[0], h[1]);
        }
        if (o.tls.given()) {
            b.tls(o.tls.options());
        }
        if (o.mqtt5.sessionExpiry != null) {
            b.sessionExpiry(Duration.ofSeconds(o.mqtt5.sessionExpiry));
        }
        Mqtt5PacketProperties c = o.mqtt5.of("CONNECT");
        if (c != null) {
            if (c.receiveMaximum != null) {
                b.receiveMaximum(c.receiveMaximum);
            }
            if (c.maximumPacketSize != null) {
                b.maxPacketSize((int) (long) c.maximumPacketSize);
            }
            if (c.topicAliasMaximum != null) {
                b.topicAliasMaximum(c.topicAliasMaximum);
            }
            if (c.requestResponseInformation != null) {
                b.requestResponseInformation(c.requestResponseInformation);
            }
            if (c.requestProblemInformation != null) {
                b.requestProblemInformation(c.requestProblemInformation);
            }
            for (String[] u : c.userProperties) {
                b.userProperty(u[0], u[1]);
            }
        }
        return b;
    }

    /** @return PUBLISH or WILL properties from {@code -D}; {@link PublishProperties#NONE} for none */
    static PublishProperties publishProperties(Mqtt5PacketProperties p) {
        if (p == null) {
            return PublishProperties.NONE;
        }
        PublishProperties.Builder b = PublishProperties.builder();
        if (p.utf8Payload != null) {
            b.utf8Payload(p.utf8Payload);
        }
        if (p.messageExpiry != null) {
            b.messageExpiry(p.messageExpiry);
        }
        b.contentType(p.contentType).responseTopic(p.responseTopic).correlationData(p.correlationData);
        for (String[] u : p.userProperties) {
            b.userProperty(u[0], u[1]);
        }
        return b.build();
    }

    /** @return the user properties {@code -D} gave a packet (empty for none) */
    static List<UserProperty> userProperties(Mqtt5PacketProperties p) {
        List<UserProperty> list = new ArrayList<>();
        if (p != null) {
            for (String[] u : p.userProperties) {
                list.add(new UserProperty(u[0], u[1]));
            }
        }
        return list;
    }
}
