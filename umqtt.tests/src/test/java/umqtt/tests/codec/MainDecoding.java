package umqtt.tests.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import umqtt.api.Message;
import umqtt.api.MqttException;
import umqtt.simple.codec.Connack;
import umqtt.simple.codec.Decoder;
import umqtt.simple.codec.PacketReader;
import umqtt.tests.codec.MqttPacket.Ack;
import umqtt.tests.codec.MqttPacket.Empty;
import umqtt.tests.codec.MqttPacket.Publish;
import umqtt.tests.codec.MqttPacket.Suback;

/**
 * Decodes the packet a {@link PacketReader} holds with the main {@link Decoder}, calling the
 * same decoder method for each type as the client's inbound routing does, and returns it as a
 * test-side value.
 */
final class MainDecoding {

    private MainDecoding() {
    }

    /**
     * @param r a reader whose {@code next()} just returned true
     * @return the packet, or null for a type only a client sends (the client refuses those by
     *     their type, without decoding them)
     * @throws MqttException when the main decoder refuses the packet
     */
    static MqttPacket decode(PacketReader r) throws MqttException {
        PacketKind kind = PacketKind.of(r.header() >>> 4);
        return switch (kind) {
            case CONNACK -> connack(Decoder.connack(r));
            case PUBLISH -> publish(Decoder.publish(r), Decoder.publishId(r));
            case PUBACK, PUBREC, PUBREL, PUBCOMP, UNSUBACK -> new Ack(kind, Decoder.ackId(r));
            case SUBACK -> suback(Decoder.suback(r));
            case PINGRESP -> {
                Decoder.empty(r);
                yield new Empty(kind);
            }
            default -> null;
        };
    }

    private static MqttPacket connack(Connack c) {
        return new MqttPacket.Connack(c.sessionPresent(), c.returnCode());
    }

    private static MqttPacket publish(Message m, int packetId) {
        return new Publish(new String(m.topic(), StandardCharsets.UTF_8), new Bytes(m.payload()), m.qos(), m.retained(),
                m.dup(), packetId);
    }

    private static MqttPacket suback(int[] idAndCodes) {
        return new Suback(idAndCodes[0], Arrays.stream(idAndCodes).skip(1).boxed().toList());
    }
}
