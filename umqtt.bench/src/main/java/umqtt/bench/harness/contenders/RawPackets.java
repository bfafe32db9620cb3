package umqtt.bench.harness.contenders;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A few MQTT 3.1.1 packets encoded by hand for the raw floor and the fixed subscriber; independent
 * of umqtt's codec so the floor does not share the client's code.
 */
public final class RawPackets {

    private RawPackets() {
    }

    /**
     * CONNECT with a clean session and a 60 s keepalive.
     *
     * @param clientId the client id
     * @return the packet
     */
    public static byte[] connect(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, "MQTT".getBytes(StandardCharsets.US_ASCII));
        body.write(4);
        body.write(0x02);
        body.write(0);
        body.write(60);
        field(body, id);
        return packet(0x10, body.toByteArray());
    }

    /**
     * PUBLISH; for QoS 1 the packet id sits at {@link #publishIdOffset}.
     *
     * @param topic the topic
     * @param payload the payload
     * @param qos 0 or 1
     * @return the packet
     */
    public static byte[] publish(byte[] topic, byte[] payload, int qos) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, topic);
        if (qos > 0) {
            body.write(0);
            body.write(1);
        }
        body.writeBytes(payload);
        return packet(0x30 | qos << 1, body.toByteArray());
    }

    /**
     * Where a QoS 1 PUBLISH made by {@link #publish} keeps its packet id.
     *
     * @param packet the packet
     * @param topicLength the topic's byte length
     * @return the offset of the id's high byte
     */
    public static int publishIdOffset(byte[] packet, int topicLength) {
        int i = 1;
        while ((packet[i] & 0x80) != 0) {
            i++;
        }
        return i + 1 + 2 + topicLength;
    }

    /**
     * SUBSCRIBE to one filter at QoS 0, packet id 1.
     *
     * @param filter the filter
     * @return the packet
     */
    public static byte[] subscribe(byte[] filter) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        body.write(1);
        field(body, filter);
        body.write(0);
        return packet(0x82, body.toByteArray());
    }

    /**
     * DISCONNECT.
     *
     * @return the packet
     */
    public static byte[] disconnect() {
        return new byte[] {(byte) 0xE0, 0};
    }

    /**
     * Reads one packet, skipping its body.
     *
     * @param in the stream (buffered)
     * @return the first byte of the fixed header
     * @throws IOException on failure or end of stream
     */
    public static int skipPacket(InputStream in) throws IOException {
        int header = in.read();
        if (header < 0) {
            throw new EOFException("the broker closed the connection");
        }
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new EOFException("the broker closed the connection");
            }
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        while (length > 0) {
            long n = in.skip(length);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the broker closed the connection");
                }
                n = 1;
            }
            length -= (int) n;
        }
        return header;
    }

    private static void field(ByteArrayOutputStream out, byte[] b) {
        out.write(b.length >>> 8);
        out.write(b.length);
        out.writeBytes(b);
    }

    private static byte[] packet(int first, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        int n = body.length;
        do {
            int digit = n % 128;
            n /= 128;
            out.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }
}
