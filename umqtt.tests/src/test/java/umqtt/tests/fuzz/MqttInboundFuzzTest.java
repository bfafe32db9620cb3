package umqtt.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.management.ThreadMXBean;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import umqtt.api.Message;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.TransportProvider;
import umqtt.simple.SimpleClient;

/**
 * Whole packets from a server through {@link SimpleClient}'s public API, under coverage-guided
 * fuzzing: an in-memory transport answers CONNECT with a CONNACK, then serves the fuzzed bytes in
 * chunks (with read timeouts between some), then the end of the stream, while the client runs a
 * fuzzed sequence of main-loop steps, publishes, subscriptions and pings on a fake clock. Whatever
 * the bytes, only {@link IOException}s (among them {@code MqttException}) escape, every call
 * returns, each delivered message fits the size limit, and the client allocates in proportion to
 * the limit and the bytes it was sent, never to what a packet's length field claims.
 *
 * <p>Input layout: byte 0 sets the size limit ({@code 16 + 16 * b}), byte 1 the keepalive in
 * seconds ({@code b & 0x3F}), byte 2 the clock's step per reading in milliseconds, byte 3 the
 * network's chunk pattern ({@code 1 + (b & 0x7F)} bytes a read, a timeout first when the high
 * bit is set), byte 4 the number of operations ({@code b & 0x0F}; its high bit leaves out the
 * CONNACK, so the fuzzed bytes answer CONNECT), then one byte per operation (its low 3 bits:
 * waitMsg, checkMsg, publish QoS 1, publish QoS 2, subscribe with QoS {@code (b >> 3) & 3},
 * unsubscribe, ping, publish QoS 0); the rest is what the server sends. After the operations the
 * client runs waitMsg until the stream ends.
 */
class MqttInboundFuzzTest {

    private static final byte[] CONNACK = {0x20, 0x02, 0x00, 0x00};
    private static final int HEADER = 5;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @FuzzTest(maxDuration = "10m")
    void clientSurvivesAnyServerBytes(byte[] data) {
        if (data.length < HEADER) {
            return;
        }
        int maxPacketSize = 16 + 16 * (data[0] & 0xFF);
        int keepAlive = data[1] & 0x3F;
        long stepNanos = (data[2] & 0xFF) * 1_000_000L;
        int ops = data[4] & 0x0F;
        boolean connack = (data[4] & 0x80) == 0;
        int serverStart = Math.min(data.length, HEADER + ops);
        byte[] opBytes = Arrays.copyOfRange(data, HEADER, serverStart);
        ByteArrayOutputStream server = new ByteArrayOutputStream();
        if (connack) {
            server.writeBytes(CONNACK);
        }
        server.write(data, serverStart, data.length - serverStart);
        byte[] serverBytes = server.toByteArray();
        byte[] chunks = {data[3]};

        // The first run loads the classes its paths need (class loading allocates on this thread);
        // the identical runs after it are measured, and the smaller count is the client's: what a
        // packet's length makes it allocate, it allocates every time, while one-off work of the
        // JVM or the fuzzer's instrumentation on this thread shows in one run only.
        run(new ChoppedInput(serverBytes, chunks), maxPacketSize, keepAlive, stepNanos, opBytes, serverBytes.length);
        long allocated = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            run(new ChoppedInput(serverBytes, chunks), maxPacketSize, keepAlive, stepNanos, opBytes, serverBytes.length);
            allocated = Math.min(allocated, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        // Generous for exceptions, messages and the reader's own buffer; a packet body allocated
        // for its claimed length (up to 256 MiB) breaks it by orders of magnitude.
        long budget = 1024L * 1024 + 64L * maxPacketSize + 256L * serverBytes.length;
        assertTrue(allocated < budget, "allocated " + allocated + " bytes for " + serverBytes.length
                + " bytes received with a limit of " + maxPacketSize + " (budget " + budget + ")");
    }

    private static void run(ChoppedInput input, int maxPacketSize, int keepAlive, long stepNanos, byte[] ops,
            int serverLength) {
        MemoryTransport transport = new MemoryTransport(input);
        SimpleClient client = SimpleClient.builder()
                .server("mqtt://fuzzed-broker:1883")
                .clientId("fuzz")
                .transport(new OneTransport(transport))
                .maxPacketSize(maxPacketSize)
                .keepAlive(Duration.ofSeconds(keepAlive))
                .responseTimeout(Duration.ofSeconds(5))
                .timeSource(new FakeClock(stepNanos))
                .build();
        client.setCallback(m -> checkDelivered(m, maxPacketSize));
        try (client) {
            client.connect(true, Duration.ofSeconds(10));
            for (byte op : ops) {
                step(client, op);
            }
            // Each waitMsg handles at least one packet of 2 or more bytes, or fails.
            for (int i = 0; i <= serverLength / 2 + 1; i++) {
                client.waitMsg();
            }
            fail("waitMsg went on after the end of the stream");
        } catch (IOException expected) {
            // the contract: anything the server sends ends in data or an IOException
        }
    }

    private static void step(SimpleClient client, byte op) throws IOException {
        byte[] topic = {'t'};
        switch (op & 7) {
            case 0 -> client.waitMsg();
            case 1 -> client.checkMsg();
            case 2 -> client.publish(topic, new byte[] {op}, false, 1);
            case 3 -> client.publish(topic, new byte[] {op}, false, 2);
            case 4 -> client.subscribe(new byte[] {'t', '/', '#'}, ((op >> 3) & 3) % 3);
            case 5 -> client.unsubscribe(topic);
            case 6 -> client.ping();
            default -> client.publish(topic, new byte[] {op}, false, 0);
        }
    }

    private static void checkDelivered(Message m, int maxPacketSize) {
        assertTrue(m.topic().length > 0, "a message with an empty topic was delivered");
        assertTrue(m.qos() >= 0 && m.qos() <= 2, "QoS " + m.qos());
        // Fixed header (at least 2 bytes) and topic length (2 bytes) are part of the packet too.
        assertTrue(m.topic().length + m.payload().length + 4 <= maxPacketSize,
                "a message over the size limit of " + maxPacketSize + " was delivered");
    }

    /** Opens the one in-memory transport. */
    private record OneTransport(Transport transport) implements TransportProvider {
        @Override
        public Set<String> schemes() {
            return Set.of("mqtt");
        }

        @Override
        public int defaultPort(String scheme) {
            return 1883;
        }

        @Override
        public Transport open(URI uri, TransportOptions options) {
            return transport;
        }
    }
}
