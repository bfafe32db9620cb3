package umqtt.bench.harness.contenders;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.bench.harness.Topic;

/**
 * The floor: a plain socket (TCP_NODELAY, as every contender uses) writing pre-encoded packets,
 * one write per packet, and reading acknowledgements without parsing more than their type.
 */
public final class Raw implements Contender {

    /** Creates the contender. */
    public Raw() {
    }

    @Override
    public Client create(String host, int port, String clientId) {
        return new RawClient(host, port, clientId);
    }

    private static final class RawClient implements Client {
        private final String host;
        private final int port;
        private final String clientId;
        private Socket socket;
        private OutputStream out;
        private InputStream in;
        private Topic cachedTopic;
        private int cachedQos;
        private byte[] cachedPayload;
        private byte[] packet;
        private int idOffset;
        private int nextId;

        RawClient(String host, int port, String clientId) {
            this.host = host;
            this.port = port;
            this.clientId = clientId;
        }

        @Override
        public void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port));
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out.write(RawPackets.connect(clientId));
            expect(2, "CONNACK");
        }

        @Override
        public void publish(Topic topic, byte[] payload, int qos) throws IOException {
            byte[] p = packet(topic, payload, qos);
            if (qos == 0) {
                out.write(p);
                return;
            }
            nextId = nextId == 65535 ? 1 : nextId + 1;
            p[idOffset] = (byte) (nextId >>> 8);
            p[idOffset + 1] = (byte) nextId;
            out.write(p);
            expect(4, "PUBACK");
        }

        @Override
        public void drain() {
        }

        @Override
        public void subscribe(Topic topic) throws IOException {
            out.write(RawPackets.subscribe(topic.bytes()));
            expect(9, "SUBACK");
        }

        @Override
        public void roundTrip(Topic topic, byte[] payload) throws IOException {
            out.write(packet(topic, payload, 0));
            expect(3, "PUBLISH");
        }

        @Override
        public void disconnect() throws IOException {
            out.write(RawPackets.disconnect());
            socket.close();
        }

        private byte[] packet(Topic topic, byte[] payload, int qos) {
            if (topic != cachedTopic || payload != cachedPayload || qos != cachedQos) {
                packet = RawPackets.publish(topic.bytes(), payload, qos);
                idOffset = RawPackets.publishIdOffset(packet, topic.bytes().length);
                cachedTopic = topic;
                cachedPayload = payload;
                cachedQos = qos;
            }
            return packet;
        }

        private void expect(int type, String name) throws IOException {
            int header = RawPackets.skipPacket(in);
            if (header >>> 4 != type) {
                throw new IOException("expected " + name + " but got packet type " + (header >>> 4));
            }
        }
    }
}
