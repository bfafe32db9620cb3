package umqtt.mqtt5;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.net.SocketTimeoutException;
import umqtt.api.MqttException;
import umqtt.mqtt5.codec.Faults;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.PacketTypes;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;

/**
 * CONNECT as the settings make it, with its Will; then the AUTH exchange if any, and CONNACK (MQTT 5.0,
 * 3.1, 3.2, 4.12).
 */
final class Handshake {

    private Handshake() {
    }

    /**
     * @return the CONNECT the builder's settings make (MQTT 5.0, 3.1.2.11): only properties that
     *     differ from the standard's defaults
     */
    static Packet.Connect connect(Config c, String clientId, boolean cleanStart, long expiry, Packet.Will will,
            Reauthentication auth) {
        Properties p = new Properties();
        if (expiry != 0) {
            p.set(Property.SESSION_EXPIRY_INTERVAL, expiry);
        }
        if (c.receiveMaximum != 65_535) {
            p.set(Property.RECEIVE_MAXIMUM, c.receiveMaximum);
        }
        p.set(Property.MAXIMUM_PACKET_SIZE, c.maxPacketSize);
        if (c.topicAliasMaximum != 0) {
            p.set(Property.TOPIC_ALIAS_MAXIMUM, c.topicAliasMaximum);
        }
        if (c.requestResponseInformation) {
            p.set(Property.REQUEST_RESPONSE_INFORMATION, 1);
        }
        if (!c.requestProblemInformation) {
            p.set(Property.REQUEST_PROBLEM_INFORMATION, 0);
        }
        p.addUsers(c.userProperties);
        auth.start(p);
        return new Packet.Connect(cleanStart, c.keepAliveSeconds, p, clientId.getBytes(StandardCharsets.UTF_8), will,
                c.user == null ? null : c.user.getBytes(StandardCharsets.UTF_8), c.password);
    }

    /** @return the Will of the next CONNECT with its properties (MQTT 5.0, 3.1.3.2), checked when it is set */
    static Packet.Will will(byte[] topic, byte[] msg, boolean retain, int qos, PublishProperties props, Duration delay) {
        TopicNames.checkName(topic, "will topic");
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(props, "properties");
        Objects.requireNonNull(delay, "delay");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("will qos must be 0, 1 or 2 but was " + qos);
        }
        if (msg.length > 65_535) {
            throw new IllegalArgumentException("will message is " + msg.length + " bytes; MQTT allows at most 65535");
        }
        if (delay.isNegative() || delay.toSeconds() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("will delay must be 0 to 4294967295 seconds but was " + delay);
        }
        Properties w = WireProperties.into(new Properties(), props);
        if (!delay.isZero()) {
            w.set(Property.WILL_DELAY_INTERVAL, delay.toSeconds());
        }
        return new Packet.Will(w, topic.clone(), msg.clone(), qos, retain);
    }

    /**
     * @return the server's CONNACK, a success
     * @throws Mqtt5Exception the refusal, with reason, Reason String and Server Reference
     */
    static Packet.Connack run(Link link, Config config, Packet.Connect connect, Reauthentication auth, long deadline)
            throws IOException {
        link.send(connect);
        while (true) {
            while (!link.read(deadline)) {
                if (config.time.nanoTime() - deadline >= 0) {
                    throw new SocketTimeoutException("no CONNACK from " + config.safeServer() + " in time");
                }
            }
            Packet p;
            try {
                p = link.reader().decode();
                if (p.type() == PacketTypes.AUTH) {
                    auth.answer((Packet.Reason) p, link);
                    continue;
                }
            } catch (MqttException e) {
                link.refuse(e);
                throw e;
            }
            if (p.type() == 14) {
                Packet.Reason r = (Packet.Reason) p;
                throw WireProperties.failure(r.reasonCode(), r.properties(), "the server disconnected before CONNACK",
                        null);
            }
            if (!(p instanceof Packet.Connack c)) {
                throw Faults.protocol("the server answered CONNECT with " + PacketTypes.name(p.type())
                        + " instead of CONNACK");
            }
            if (ReasonCode.isFailure(c.reasonCode())) {
                throw WireProperties.failure(c.reasonCode(), c.properties(), "the server refused the connection",
                        advice(c.reasonCode()));
            }
            if (c.sessionPresent() && connect.cleanStart()) {
                throw Faults.protocol("the server reported a session present for Clean Start (MQTT-3.2.2-2)");
            }
            Properties w = c.properties();
            if (auth.enabled() && w.string(Property.AUTHENTICATION_METHOD) == null) {
                throw Faults.protocol("the server accepted the connection without the Authentication Method the client "
                        + "asked for (MQTT 5.0, 3.2.2.3.17)");
            }
            try {
                auth.connected(w);
            } catch (MqttException e) {
                link.refuse(e);
                throw e;
            }
            return c;
        }
    }

    /** The server broke the exchange or failed authentication: DISCONNECT with the reason (MQTT 5.0, 4.13). */
    private static String advice(int reason) {
        return switch (reason) {
            case 0x84 -> "the server does not speak MQTT 5: use the 3.1.1 client";
            case 0x85 -> "choose another client id";
            case 0x86, 0x87 -> "check the user name and password";
            case 0x8C -> "the server does not offer this authentication method";
            case 0x9C, 0x9D -> "connect to the server it names";
            default -> null;
        };
    }
}
