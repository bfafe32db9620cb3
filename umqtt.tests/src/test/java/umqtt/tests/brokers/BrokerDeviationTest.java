package umqtt.tests.brokers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import umqtt.tests.brokers.Broker.Listener;

/**
 * Each {@link BrokerDeviation} is reproduced here with raw packets (no umqtt code): the brokers it
 * lists deviate, and the others do not. When a broker is fixed (say aedes is upgraded), this fails
 * and says to drop it from the deviation, so the tests it weakened check it in full again.
 */
class BrokerDeviationTest {

    private static final int PUBLISH = 3;
    private static final int PUBREC = 5;
    private static final int PUBREL = 6;
    private static final int QUIET_MILLIS = 500;

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void qosIsDowngradedToTheGrantedQos(Broker broker) throws IOException {
        URI uri = broker.uri(Listener.TCP);
        String id = "deviation-qos-" + System.nanoTime();
        String topic = "deviation/qos/" + System.nanoTime();
        try (Socket subscriber = connect(uri, id, true); Socket publisher = connect(uri, id + "-pub", true)) {
            subscribe(subscriber, topic + "/+", 1);
            publishQos2(publisher, topic + "/x", 1, "x");
            RawPacket delivered = RawPacket.readFrom(subscriber.getInputStream());
            assertEquals(PUBLISH, delivered.type(), delivered.toString());
            int qos = (delivered.flags() >> 1) & 3;
            boolean deviates = qos != 1;
            assertEquals(BrokerDeviation.QOS_NOT_DOWNGRADED_TO_THE_GRANTED_QOS.in(broker), deviates,
                    broker + " delivered a QoS 2 message at QoS " + qos + " on a QoS 1 subscription with a wildcard");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("umqtt.tests.brokers.Brokers#all")
    void aCompletedQos2MessageIsNotSentAgainAfterAReconnect(Broker broker) throws IOException {
        URI uri = broker.uri(Listener.TCP);
        String id = "deviation-qos2-" + System.nanoTime();
        String topic = "deviation/qos2/" + System.nanoTime();
        connect(uri, id, true).close(); // no session left from before
        List<String> again;
        try (Socket publisher = connect(uri, id + "-pub", true)) {
            try (Socket subscriber = connect(uri, id, false)) {
                subscribe(subscriber, topic, 2);
                publishQos2(publisher, topic, 1, "first");
                publishQos2(publisher, topic, 2, "second");
                // Answer each PUBLISH with PUBREC and each PUBREL with PUBCOMP until both are complete.
                for (int completed = 0; completed < 2; ) {
                    RawPacket packet = RawPacket.readFrom(subscriber.getInputStream());
                    if (packet.type() == PUBLISH) {
                        send(subscriber, 0x50, packetId(packet));
                    } else {
                        assertEquals(PUBREL, packet.type(), "expected PUBLISH or PUBREL but got " + packet);
                        send(subscriber, 0x70, ackId(packet));
                        completed++;
                    }
                }
            }
            try (Socket again1 = connect(uri, id, false)) {
                again = publishesWithin(again1, QUIET_MILLIS);
            }
        }
        boolean deviates = !again.isEmpty();
        assertEquals(BrokerDeviation.QOS2_PUBLISH_SENT_AGAIN_AFTER_PUBREL.in(broker), deviates,
                broker + " sent these completed QoS 2 messages again: " + again);
    }

    /** CONNECT (MQTT 3.1.1, keepalive 60 s) and the CONNACK that accepts it. */
    private static Socket connect(URI uri, String clientId, boolean clean) throws IOException {
        Socket socket = RawSockets.plain(uri);
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) (clean ? 2 : 0), 0, 60});
        writeString(body, id);
        write(socket, 0x10, body.toByteArray());
        RawPacket connack = RawPacket.readFrom(socket.getInputStream());
        assertEquals(2 << 4, connack.header(), "CONNACK expected but got " + connack);
        assertEquals(0, connack.body()[1], "connection refused: " + connack);
        return socket;
    }

    /** SUBSCRIBE (packet id 1) and its SUBACK, which must grant the QoS asked for. */
    private static void subscribe(Socket socket, String filter, int qos) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 1});
        writeString(body, filter.getBytes(StandardCharsets.UTF_8));
        body.write(qos);
        write(socket, 0x82, body.toByteArray());
        RawPacket suback = expect(socket, 9);
        assertEquals(qos, suback.body()[2], "granted QoS");
    }

    /** PUBLISH at QoS 2 and the whole exchange: PUBREC, PUBREL, PUBCOMP. */
    private static void publishQos2(Socket socket, String topic, int packetId, String payload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic.getBytes(StandardCharsets.UTF_8));
        body.write(packetId >> 8);
        body.write(packetId);
        body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        write(socket, 0x34, body.toByteArray());
        assertEquals(packetId, ackId(expect(socket, PUBREC)));
        send(socket, 0x62, packetId);
        assertEquals(packetId, ackId(expect(socket, 7)));
    }

    /** The payloads of the PUBLISH packets that arrive before the socket stays quiet for {@code millis}. */
    private static List<String> publishesWithin(Socket socket, int millis) throws IOException {
        List<String> payloads = new ArrayList<>();
        socket.setSoTimeout(millis);
        try {
            while (true) {
                RawPacket packet = RawPacket.readFrom(socket.getInputStream());
                if (packet.type() == PUBLISH) {
                    byte[] b = packet.body();
                    int topicLength = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
                    payloads.add(new String(b, 4 + topicLength, b.length - 4 - topicLength, StandardCharsets.UTF_8));
                }
            }
        } catch (SocketTimeoutException quiet) {
            return payloads;
        }
    }

    private static RawPacket expect(Socket socket, int type) throws IOException {
        RawPacket packet = RawPacket.readFrom(socket.getInputStream());
        assertEquals(type, packet.type(), "expected packet type " + type + " but got " + packet);
        return packet;
    }

    /** The packet id of a PUBLISH at QoS 1 or 2 (after its topic). */
    private static int packetId(RawPacket publish) {
        byte[] b = publish.body();
        int at = 2 + (((b[0] & 0xFF) << 8) | (b[1] & 0xFF));
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    /** The packet id of an acknowledgement (its first two bytes). */
    private static int ackId(RawPacket ack) {
        return ((ack.body()[0] & 0xFF) << 8) | (ack.body()[1] & 0xFF);
    }

    /** Sends a two-byte acknowledgement (PUBREC 0x50, PUBREL 0x62, PUBCOMP 0x70) for a packet id. */
    private static void send(Socket socket, int header, int packetId) throws IOException {
        write(socket, header, new byte[] {(byte) (packetId >> 8), (byte) packetId});
    }

    private static void write(Socket socket, int header, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(body);
        socket.getOutputStream().write(packet.toByteArray());
        socket.getOutputStream().flush();
    }

    private static void writeString(ByteArrayOutputStream out, byte[] utf8) {
        out.write(utf8.length >> 8);
        out.write(utf8.length);
        out.writeBytes(utf8);
    }
}
