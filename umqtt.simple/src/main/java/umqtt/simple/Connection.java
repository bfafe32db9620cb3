package umqtt.simple;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import umqtt.api.spi.TimeSource;
import umqtt.api.spi.Transport;
import umqtt.simple.codec.Connect;
import umqtt.simple.codec.Encoder;
import umqtt.simple.codec.PacketBuffer;
import umqtt.simple.codec.PacketReader;
import umqtt.simple.codec.PacketType;

/**
 * One live link to the server: the transport, the writing of packets and the reading of whole
 * packets against a deadline, and when something was last sent and received. A new link is made
 * for every connect; a closed one is never reused.
 */
final class Connection {

    /** A deadline that never comes: read until a packet arrives. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    /** Payloads up to this size are copied behind the header and written in one call. */
    private static final int INLINE_PAYLOAD = 8 * 1024;

    private final Transport transport;
    private final OutputStream output;
    private final PacketReader reader;
    private final PacketBuffer out = new PacketBuffer(256);
    private final TimeSource time;
    private volatile boolean closed;
    private long lastSent;
    private long lastReceived;
    private long lastBusy;
    private int readTimeout = -1;

    private Connection(Transport transport, ClientSettings settings) {
        this.transport = transport;
        this.time = settings.time();
        this.output = transport.output();
        this.reader = new PacketReader(transport.input(), settings.maxPacketSize(), 256);
        this.lastSent = time.nanoTime();
        this.lastReceived = lastSent;
        this.lastBusy = lastSent;
    }

    /** Opens the transport to the configured server. */
    static Connection open(ClientSettings settings, Duration timeout) throws IOException {
        Transport t = settings.provider().open(settings.server(), settings.transportOptions().withConnectTimeout(timeout));
        return new Connection(t, settings);
    }

    /** @return when the last packet was written */
    long lastSent() {
        return lastSent;
    }

    /** @return when the last byte arrived (the link's opening until one does) */
    long lastReceived() {
        return lastReceived;
    }

    /**
     * @return when the last byte arrived that was not just a PINGRESP: a server busy sending
     *     something, not merely alive
     */
    long lastBusy() {
        return lastBusy;
    }

    /** @return the reader, holding the packet the last successful {@link #read} returned */
    PacketReader reader() {
        return reader;
    }

    boolean isOpen() {
        return !closed;
    }

    /**
     * Reads until one whole packet is in the {@link #reader()}, or the deadline passes. A read is
     * always attempted, even when the deadline has passed already, so what the server sent is
     * seen before anything is judged missing.
     *
     * @param deadline on the time source's scale; {@link #NO_DEADLINE} to wait for as long as it takes
     * @return false when the deadline came first
     */
    boolean read(long deadline) throws IOException {
        int millis = 0;
        if (deadline != NO_DEADLINE) {
            long wait = deadline - time.nanoTime();
            millis = wait <= 1_000_000 ? 1 : (int) Math.min(Integer.MAX_VALUE, (wait + 999_999) / 1_000_000);
        }
        if (millis != readTimeout) {
            transport.setReadTimeout(millis);
            readTimeout = millis;
        }
        long before = reader.received();
        boolean whole = reader.next();
        long bytes = reader.received() - before;
        if (bytes != 0) {
            lastReceived = time.nanoTime();
            if (!(whole && bytes == 2 && reader.header() >>> 4 == PacketType.PINGRESP)) {
                lastBusy = lastReceived;
            }
        }
        return whole;
    }

    void writePublish(byte[] topic, byte[] payload, int qos, boolean retain, boolean dup, int id) throws IOException {
        out.reset();
        Encoder.publishHeader(out, topic, qos, retain, dup, id, payload.length);
        if (payload.length <= INLINE_PAYLOAD) {
            out.put(payload, 0, payload.length);
            out.writeTo(output);
        } else {
            out.writeTo(output);
            output.write(payload);
        }
        flush();
    }

    void writeAck(int type, int id) throws IOException {
        out.reset();
        Encoder.ack(out, type, id);
        writeOut();
    }

    void writeEmpty(int type) throws IOException {
        out.reset();
        Encoder.empty(out, type);
        writeOut();
    }

    void writeConnect(Connect c) throws IOException {
        out.reset();
        Encoder.connect(out, c);
        writeOut();
    }

    void writeSubscribe(int id, byte[][] filters, int[] qos) throws IOException {
        out.reset();
        Encoder.subscribe(out, id, filters, qos);
        writeOut();
    }

    void writeUnsubscribe(int id, byte[] filter) throws IOException {
        out.reset();
        Encoder.unsubscribe(out, id, filter);
        writeOut();
    }

    private void writeOut() throws IOException {
        out.writeTo(output);
        flush();
    }

    private void flush() throws IOException {
        output.flush();
        lastSent = time.nanoTime();
    }

    /** Closes the transport; safe from any thread, more than once. */
    void close() {
        closed = true;
        try {
            transport.close();
        } catch (IOException ignored) {
            // The link is being abandoned; there is nothing left to tell it.
        }
    }

    /** Sends DISCONNECT, then closes. */
    void disconnect() throws IOException {
        try {
            writeEmpty(PacketType.DISCONNECT);
        } finally {
            close();
        }
    }
}
