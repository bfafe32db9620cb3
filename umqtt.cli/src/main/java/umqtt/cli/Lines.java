package umqtt.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The lines of standard input for {@code pub -l}, read on a thread of their own so the publishing
 * thread can keep the connection alive (ping within the keepalive) while a person types slowly.
 * A line is its bytes as read, without the '\n'; a last line without '\n' counts too.
 */
final class Lines {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(4096);

    Lines(InputStream in) {
        Thread reader = new Thread(() -> read(in), "umqtt-pub-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The next line, waiting at most {@code millis}.
     *
     * @return the line; {@code null} when none came in time
     * @throws java.io.EOFException at the end of the input
     * @throws IOException when reading the input failed
     */
    byte[] next(long millis) throws IOException {
        Object item;
        try {
            item = queue.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading standard input");
        }
        if (item == END) {
            queue.offer(END); // stay at the end for later calls
            throw new java.io.EOFException();
        }
        if (item instanceof IOException e) {
            throw new IOException("cannot read standard input: " + e.getMessage(), e);
        }
        return (byte[]) item;
    }

    private void read(InputStream in) {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        line.write(buf, start, i - start);
                        queue.put(line.toByteArray());
                        line.reset();
                        start = i + 1;
                    }
                }
                line.write(buf, start, n - start);
            }
            if (line.size() > 0) {
                queue.put(line.toByteArray());
            }
            queue.put(END);
        } catch (IOException e) {
            queue.offer(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
