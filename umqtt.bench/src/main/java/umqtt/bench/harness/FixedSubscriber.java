package umqtt.bench.harness;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import umqtt.bench.harness.contenders.RawPackets;

/**
 * The one subscriber every QoS 0 run is measured at: a raw socket in the harness's JVM that counts
 * PUBLISH packets on {@code bench/q0} and notes when the last expected one arrives.
 */
final class FixedSubscriber implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final Thread reader;
    private final int expected;
    private volatile int received;
    private volatile long lastArrival;
    private volatile IOException failure;

    FixedSubscriber(int port, int expected) throws IOException {
        this.expected = expected;
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(1 << 20);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out.write(RawPackets.connect("bench-subscriber-" + System.nanoTime()));
        if (RawPackets.skipPacket(in) >>> 4 != 2) {
            throw new IOException("subscriber: no CONNACK");
        }
        out.write(RawPackets.subscribe(ContenderMain.Q0.bytes()));
        if (RawPackets.skipPacket(in) >>> 4 != 9) {
            throw new IOException("subscriber: no SUBACK");
        }
        reader = new Thread(this::read, "fixed-subscriber");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (true) {
                if (RawPackets.skipPacket(in) >>> 4 == 3) {
                    int n = received + 1;
                    if (n == expected) {
                        lastArrival = System.nanoTime(); // before the count: await() reads it once the count is full
                    }
                    received = n;
                }
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                failure = e;
            }
        }
    }

    /**
     * Waits until every expected message arrived, or none arrived for {@code quietMillis}.
     *
     * @return the arrival time of the last expected message, or -1 when some never came
     */
    long await(long quietMillis) throws IOException, InterruptedException {
        int seen = -1;
        long quietSince = System.nanoTime();
        while (received < expected) {
            if (failure != null) {
                throw failure;
            }
            int now = received;
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > quietMillis * 1_000_000) {
                return -1;
            }
            Thread.sleep(1);
        }
        return lastArrival;
    }

    int received() {
        return received;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
