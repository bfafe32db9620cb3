package umqtt.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Set;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.TransportProvider;

/**
 * An in-memory {@code mem://} transport for the write-path benchmarks: what the client writes is
 * parsed just enough to answer it (a CONNACK for the CONNECT, a PUBACK for each QoS 1 PUBLISH) and
 * then discarded, so publish runs exactly as on a socket minus the kernel.
 */
public final class MemoryTransportProvider implements TransportProvider {

    /** Creates the provider. */
    public MemoryTransportProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("mem");
    }

    @Override
    public int defaultPort(String scheme) {
        return 1;
    }

    @Override
    public Transport open(URI uri, TransportOptions options) {
        return new MemoryTransport();
    }

    /** One connection: a discarding, answering output and the input it feeds. */
    static final class MemoryTransport implements Transport {
        // Answers queued for the client: a few 4-byte acks at a time (publish waits for each; send
        // leaves up to its window of them unread).
        private final byte[] replies = new byte[4096];
        private int replyStart;
        private int replyEnd;

        private final Input input = new Input();
        private final Output output = new Output();

        @Override
        public InputStream input() {
            return input;
        }

        @Override
        public OutputStream output() {
            return output;
        }

        @Override
        public void setReadTimeout(int millis) {
        }

        @Override
        public void close() {
        }

        private void reply(int a, int b, int c, int d) {
            if (replyStart == replyEnd) {
                replyStart = 0;
                replyEnd = 0;
            } else if (replyEnd + 4 > replies.length) { // acks left unread by send's window: move them to the front
                System.arraycopy(replies, replyStart, replies, 0, replyEnd - replyStart);
                replyEnd -= replyStart;
                replyStart = 0;
            }
            replies[replyEnd++] = (byte) a;
            replies[replyEnd++] = (byte) b;
            replies[replyEnd++] = (byte) c;
            replies[replyEnd++] = (byte) d;
        }

        private final class Input extends InputStream {
            @Override
            public int read() throws IOException {
                if (replyStart == replyEnd) {
                    throw new IOException("the in-memory server has nothing to send (the client waits for a reply it"
                            + " should not expect)");
                }
                return replies[replyStart++] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = Math.min(len, replyEnd - replyStart);
                if (n == 0) {
                    return read(); // throws
                }
                System.arraycopy(replies, replyStart, b, off, n);
                replyStart += n;
                return n;
            }

            @Override
            public int available() {
                return replyEnd - replyStart;
            }
        }

        /** Follows packet boundaries: fixed header, remaining length, then the body (skipped in bulk). */
        private final class Output extends OutputStream {
            private static final int HEADER = 0;
            private static final int LENGTH = 1;
            private static final int BODY = 2;

            private int state = HEADER;
            private int header;
            private int remaining;
            private int multiplier;
            private int bodyPos;
            private int topicLength;
            private int packetId;

            @Override
            public void write(int b) {
                consume(b & 0xFF);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                int end = off + len;
                int i = off;
                while (i < end) {
                    if (state == BODY && remaining > 0 && pastHeaders()) {
                        int skip = Math.min(remaining, end - i); // the payload: nothing to look at
                        remaining -= skip;
                        bodyPos += skip;
                        i += skip;
                        if (remaining == 0) {
                            endPacket();
                        }
                    } else {
                        consume(b[i++] & 0xFF);
                    }
                }
            }

            private boolean pastHeaders() {
                return (header >>> 4) != 3 || bodyPos >= 2 && bodyPos >= 4 + topicLength;
            }

            private void consume(int b) {
                switch (state) {
                    case HEADER -> {
                        header = b;
                        remaining = 0;
                        multiplier = 1;
                        state = LENGTH;
                    }
                    case LENGTH -> {
                        remaining += (b & 0x7F) * multiplier;
                        multiplier *= 128;
                        if ((b & 0x80) == 0) {
                            bodyPos = 0;
                            topicLength = 0;
                            packetId = 0;
                            state = BODY;
                            if (remaining == 0) {
                                endPacket();
                            }
                        }
                    }
                    default -> {
                        if ((header >>> 4) == 3) {
                            int topicEnd = 2 + topicLength;
                            if (bodyPos < 2) {
                                topicLength = topicLength << 8 | b;
                            } else if (bodyPos == topicEnd || bodyPos == topicEnd + 1) {
                                packetId = packetId << 8 | b;
                            }
                        }
                        bodyPos++;
                        if (--remaining == 0) {
                            endPacket();
                        }
                    }
                }
            }

            private void endPacket() {
                int type = header >>> 4;
                if (type == 1) {
                    reply(0x20, 0x02, 0x00, 0x00);
                } else if (type == 3 && (header >>> 1 & 3) == 1) {
                    reply(0x40, 0x02, packetId >>> 8, packetId & 0xFF);
                } else if (type == 12) {
                    reply(0xD0, 0x00, -1, -1);
                    replyEnd -= 2;
                }
                state = HEADER;
            }
        }
    }
}
