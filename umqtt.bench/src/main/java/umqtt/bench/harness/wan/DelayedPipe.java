package umqtt.bench.harness.wan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * One direction of a relayed connection: a reader thread stamps every chunk it reads with the time
 * it is due at the other end, a writer thread parks until that time and writes it. Due times never
 * decrease, so a FIFO queue is a timed queue, and chunks stay pipelined: each waits for its own due
 * time, not for the chunks before it to have waited theirs. At most {@link #QUEUED} bytes wait in a
 * pipe (as in a link's buffers); beyond that the reader stops reading, and TCP pushes back on the
 * sender.
 */
final class DelayedPipe {

    private static final int CHUNK = 64 * 1024;
    static final int QUEUED = 4 << 20;

    /** A chunk and when it is due; {@code data == null} marks the end of the stream. */
    private record Chunk(byte[] data, long due) {
    }

    private final String name;
    private final Socket from;
    private final Socket to;
    private final long delayNanos;
    private final long bytesPerSecond;
    private final Runnable onEnd;
    private final Runnable onFailure;
    private final Lateness.Meter lateness;
    private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(QUEUED);
    private Thread reader;
    private Thread writer;
    /** When the last chunk finished its serialization (reader thread only). */
    private long lineFreeAt = Long.MIN_VALUE;

    DelayedPipe(String name, Socket from, Socket to, long delayNanos, long bytesPerSecond, Runnable onEnd,
            Runnable onFailure, Lateness.Meter lateness) {
        this.lateness = lateness;
        this.name = name;
        this.from = from;
        this.to = to;
        this.delayNanos = delayNanos;
        this.bytesPerSecond = bytesPerSecond;
        this.onEnd = onEnd;
        this.onFailure = onFailure;
    }

    void start() throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        reader = new Thread(() -> read(in), name + "-read");
        writer = new Thread(() -> write(out), name + "-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    void stop() {
        if (writer != null) {
            writer.interrupt();
            reader.interrupt(); // when it waits for room in the queue; a read ends with the closed socket
        }
    }

    private void read(InputStream in) {
        byte[] buf = new byte[CHUNK];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    long arrival = System.nanoTime();
                    room.acquire(n);
                    queue.add(new Chunk(Arrays.copyOf(buf, n), due(arrival, n)));
                }
            }
            queue.add(new Chunk(null, due(System.nanoTime(), 0)));
        } catch (IOException | InterruptedException e) {
            onFailure.run(); // a reset, or the relay closing the socket
        }
    }

    /** Arrival, then serialization behind the chunks before it when the bandwidth is capped, then the delay. */
    private long due(long arrival, int bytes) {
        long sent = arrival;
        if (bytesPerSecond > 0) {
            long start = lineFreeAt == Long.MIN_VALUE || arrival - lineFreeAt > 0 ? arrival : lineFreeAt;
            sent = start + (long) (bytes * 1e9 / bytesPerSecond);
            lineFreeAt = sent;
        }
        return sent + delayNanos;
    }

    private void write(OutputStream out) {
        try {
            while (true) {
                Chunk c = queue.take();
                long wait;
                while ((wait = c.due() - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(this, wait);
                    if (Thread.interrupted()) {
                        return; // stopped
                    }
                }
                if (c.data() == null) {
                    to.shutdownOutput();
                    onEnd.run();
                    return;
                }
                lateness.add(System.nanoTime() - c.due());
                out.write(c.data());
                room.release(c.data().length);
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (IOException e) {
            onFailure.run();
        }
    }
}
