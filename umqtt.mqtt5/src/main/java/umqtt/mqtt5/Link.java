package umqtt.mqtt5;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import umqtt.api.MqttException;
import umqtt.api.internal.BoundedGoodbye;
import umqtt.api.spi.TimeSource;
import umqtt.api.spi.Transport;
import umqtt.mqtt5.codec.FrameReader;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.PacketEncoder;
import umqtt.mqtt5.codec.PacketTypes;
import umqtt.mqtt5.codec.Properties;
import umqtt.simple.codec.PacketBuffer;

/**
 * One live MQTT 5 connection: the transport, whole packets in (against a deadline) and out,
 * when bytes last went each way, and the keepalive. Every packet written is checked against the
 * server's Maximum Packet Size first (MQTT-3.2.2-15): one over it is never sent.
 *
 * <p>The keepalive, on the time source's scale, is the caller's to drive (it runs under the
 * client's turn, not in {@link #read}): the period is the server's Server Keep Alive when it sent
 * one (MQTT 5.0, 3.2.2.3.14), else the client's. Same rule as the 3.1.1 client: PINGREQ after three
 * quarters of the period without traffic either way, its answer awaited for half the period.
 */
final class Link {

    static final long NO_DEADLINE = Long.MAX_VALUE;
    private static final int INLINE_PAYLOAD = 8 * 1024;

    private final Transport transport;
    private final OutputStream output;
    private final FrameReader reader;
    private final PacketBuffer out = new PacketBuffer(256);
    private final TimeSource time;
    private volatile boolean closed;
    private long serverMaximum = Long.MAX_VALUE;
    private long lastSent;
    private long lastReceived;
    private long lastBusy;
    private int readTimeout = -1;
    private long keepAlive;
    private boolean pinging;
    private long pingAt;

    private Link(Transport transport, Config config) {
        this.transport = transport;
        this.time = config.time;
        this.output = transport.output();
        this.reader = new FrameReader(transport.input(), config.maxPacketSize, 256);
        this.lastSent = time.nanoTime();
        this.lastReceived = lastSent;
        this.lastBusy = lastSent;
    }

    static Link open(Config config, Duration timeout) throws IOException {
        return new Link(config.provider.open(config.server, config.transportOptions(timeout)), config);
    }

    /** The largest packet the server accepts, from its CONNACK. */
    void serverMaximum(long bytes) {
        serverMaximum = bytes;
    }

    long serverMaximum() {
        return serverMaximum;
    }

    long lastSent() {
        return lastSent;
    }

    long lastReceived() {
        return lastReceived;
    }

    /** @return when the last byte arrived that was not a PINGRESP */
    long lastBusy() {
        return lastBusy;
    }

    /** Starts the keepalive, in seconds (0 for none). */
    void keepAlive(int seconds) {
        keepAlive = seconds * 1_000_000_000L;
    }

    long keepAliveNanos() {
        return keepAlive;
    }

    /** @return the time at which {@link #beat} must next run; {@link Long#MAX_VALUE} when none */
    long nextBeat() {
        if (keepAlive == 0) {
            return Long.MAX_VALUE;
        }
        return pinging ? pingAt + keepAlive / 2 : Math.min(lastSent, lastReceived) + keepAlive / 4 * 3;
    }

    /** @return 1 when a PINGREQ is due, -1 when the link is dead, 0 otherwise (after a read that found nothing) */
    int beat(long now) {
        if (keepAlive == 0) {
            return 0;
        }
        if (pinging) {
            return now - pingAt >= keepAlive / 2 ? -1 : 0;
        }
        return now - Math.min(lastSent, lastReceived) >= keepAlive / 4 * 3 ? 1 : 0;
    }

    /** A PINGREQ was just sent. */
    void pinged() {
        if (!pinging) {
            pinging = true;
            pingAt = lastSent;
        }
    }

    /** Any packet proves the link alive. */
    void heard() {
        pinging = false;
    }

    FrameReader reader() {
        return reader;
    }

    boolean isOpen() {
        return !closed;
    }

    /**
     * Reads until a whole packet is in the {@link #reader()} or the deadline passed; a read is
     * always tried, so what arrived is seen before anything is judged missing.
     */
    boolean read(long deadline) throws IOException {
        int millis = 0;
        if (deadline != NO_DEADLINE) {
            long left = deadline - time.nanoTime();
            millis = left <= 1_000_000 ? 1 : (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
        }
        if (millis != readTimeout) {
            transport.setReadTimeout(millis);
            readTimeout = millis;
        }
        long before = reader.received();
        boolean whole = reader.next();
        if (reader.received() != before) {
            lastReceived = time.nanoTime();
            if (!whole || reader.header() >>> 4 != 13) {
                lastBusy = lastReceived;
            }
        }
        return whole;
    }

    /**
     * Writes a PUBLISH: header and properties into the buffer, the payload inline up to 8 KB.
     *
     * @param props the wire properties, or null for none
     */
    void publish(byte[] topic, int alias, byte[] payload, int qos, boolean retain, boolean dup, int id,
            Properties props) throws IOException {
        out.reset();
        PacketEncoder.publishHeader(out, topic, alias, qos, retain, dup, id, props, payload.length);
        if (payload.length <= INLINE_PAYLOAD) {
            out.put(payload, 0, payload.length);
            out.writeTo(output);
        } else {
            out.writeTo(output);
            output.write(payload);
        }
        flushed();
    }

    /** Writes PUBACK, PUBREC, PUBREL or PUBCOMP with a reason and no properties. */
    void ack(int type, int id, int reason) throws IOException {
        out.reset();
        PacketEncoder.ack(out, type, id, reason, null);
        out.writeTo(output);
        flushed();
    }

    /** Writes any packet, refusing one over the server's Maximum Packet Size before a byte goes out. */
    void send(Packet p) throws IOException {
        out.reset();
        int size = PacketEncoder.encode(p, out);
        if (size > serverMaximum) {
            throw new IllegalArgumentException(PacketTypes.name(p.type()) + " of " + size
                    + " bytes is over the server's Maximum Packet Size of " + serverMaximum
                    + " bytes (MQTT-3.2.2-15): it was not sent; send fewer or shorter filters or properties");
        }
        out.writeTo(output);
        flushed();
    }

    private void flushed() throws IOException {
        output.flush();
        lastSent = time.nanoTime();
    }

    void close() {
        closed = true;
        try {
            transport.close();
        } catch (IOException ignored) {
            // abandoned: nothing left to tell it
        }
    }

    /**
     * The server broke the standard: DISCONNECT with the reason when a client may send it, else
     * Unspecified error (MQTT 5.0, 4.13), then close.
     */
    void refuse(MqttException e) {
        if (!closed) {
            int code = e.code();
            try {
                closeWith(new Packet.Reason(14, PacketTypes.clientDisconnect(code) && code >= 0x80 ? code
                        : ReasonCode.UNSPECIFIED_ERROR, new Properties()));
            } catch (IOException ignored) {
                // the link goes anyway
            }
        }
    }

    /** Sends {@code goodbye} (a DISCONNECT) within a bounded time, then closes. */
    void closeWith(Packet goodbye) throws IOException {
        try {
            if (!closed) {
                BoundedGoodbye.run(() -> send(goodbye), transport);
            }
        } finally {
            close();
        }
    }
}
