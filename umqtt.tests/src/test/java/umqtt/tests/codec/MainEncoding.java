package umqtt.tests.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import umqtt.simple.codec.Connect;
import umqtt.simple.codec.Encoder;
import umqtt.simple.codec.PacketBuffer;
import umqtt.tests.codec.MqttPacket.Ack;
import umqtt.tests.codec.MqttPacket.Empty;
import umqtt.tests.codec.MqttPacket.Publish;
import umqtt.tests.codec.MqttPacket.Subscribe;
import umqtt.tests.codec.MqttPacket.Unsubscribe;

/** Writes a client packet value with the main {@link Encoder}, the way the client's connection does. */
final class MainEncoding {

    private MainEncoding() {
    }

    /** @return the bytes the main encoder writes for {@code p} */
    static byte[] encode(MqttPacket p) {
        PacketBuffer out = new PacketBuffer(8);
        encode(p, out);
        return bytes(out);
    }

    /** @return what {@code out} holds, as the client would write it to the network */
    static byte[] bytes(PacketBuffer out) {
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        try {
            out.writeTo(sink);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    /** Appends the main encoder's bytes for {@code p} to {@code out}. */
    static void encode(MqttPacket p, PacketBuffer out) {
        if (p instanceof MqttPacket.Connect c) {
            MqttPacket.Will w = c.will();
            Connect.Will will = w == null ? null
                    : new Connect.Will(utf8(w.topic()), w.message().array(), w.qos(), w.retain());
            Encoder.connect(out, new Connect(c.clientId(), c.cleanSession(), c.keepAliveSeconds(), will, c.user(),
                    c.password() == null ? null : c.password().array()));
        } else if (p instanceof Publish m) {
            byte[] payload = m.payload().array();
            Encoder.publishHeader(out, utf8(m.topic()), m.qos(), m.retain(), m.dup(), m.packetId(), payload.length);
            out.put(payload, 0, payload.length);
        } else if (p instanceof Ack a) {
            Encoder.ack(out, a.kind().code(), a.packetId());
        } else if (p instanceof Subscribe s) {
            int n = s.subscriptions().size();
            byte[][] filters = new byte[n][];
            int[] qos = new int[n];
            for (int i = 0; i < n; i++) {
                filters[i] = utf8(s.subscriptions().get(i).filter());
                qos[i] = s.subscriptions().get(i).qos();
            }
            Encoder.subscribe(out, s.packetId(), filters, qos);
        } else if (p instanceof Unsubscribe u) {
            Encoder.unsubscribe(out, u.packetId(), utf8(u.filters()));
        } else if (p instanceof Empty e) {
            Encoder.empty(out, e.kind().code());
        } else {
            throw new IllegalArgumentException("the client does not send " + p.kind());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] utf8(List<String> strings) {
        return strings.stream().map(MainEncoding::utf8).toArray(byte[][]::new);
    }
}
