package umqtt.mqtt5.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import umqtt.api.MqttException;
import umqtt.simple.codec.RemainingLength;

/**
 * Frames the byte stream into whole MQTT 5 packets, AUTH included (the 3.1.1 reader refuses type
 * 15 as reserved). One reusable buffer; a read that times out keeps what was read; the fixed
 * header is checked as soon as it arrives and a packet over the limit is refused (0x95) before the
 * buffer grows for it.
 */
public final class FrameReader {

    private static final int KEEP_CAPACITY = 64 * 1024;

    private final InputStream in;
    private final int initialCapacity;
    private final long maxPacketSize;
    private byte[] buf;
    private int start;
    private int end;
    private int header;
    private int bodyOffset;
    private int bodyLength;
    private boolean holding;
    private long received;

    /**
     * @param in the stream from the peer
     * @param maxPacketSize the largest whole packet accepted, fixed header included
     * @param initialCapacity the starting buffer size
     */
    public FrameReader(InputStream in, long maxPacketSize, int initialCapacity) {
        this.in = in;
        this.maxPacketSize = maxPacketSize;
        this.initialCapacity = initialCapacity;
        this.buf = new byte[initialCapacity];
    }

    /**
     * Reads until one whole packet is buffered, discarding the one handed out before.
     *
     * @return true when a packet is ready, false when a read timed out first
     * @throws EOFException when the peer closed the connection
     * @throws MqttException 0x81 for a bad fixed header, 0x95 for a packet over the limit
     */
    public boolean next() throws IOException {
        release();
        while (true) {
            int available = end - start;
            if (available >= 1) {
                PacketTypes.checkFixedHeader(buf[start] & 0xFF);
            }
            if (available >= 2) {
                long decoded = RemainingLength.decode(buf, start + 1, available - 1);
                if (decoded != RemainingLength.INCOMPLETE) {
                    int headerSize = 1 + RemainingLength.bytes(decoded);
                    long total = (long) headerSize + RemainingLength.value(decoded);
                    if (total > maxPacketSize) {
                        throw Faults.of(0x95, "the peer sent a " + PacketTypes.name(buf[start] >>> 4 & 0x0F) + " of "
                                + total + " bytes, over the Maximum Packet Size of " + maxPacketSize
                                + " bytes (MQTT-3.1.2-24; raise it with maxPacketSize)");
                    }
                    if (available >= total) {
                        header = buf[start] & 0xFF;
                        bodyOffset = start + headerSize;
                        bodyLength = (int) total - headerSize;
                        holding = true;
                        return true;
                    }
                    makeRoom((int) total);
                }
            }
            if (!fill()) {
                return false;
            }
        }
    }

    /** Discards the packet the last {@link #next()} handed out, if any. */
    public void release() {
        if (holding) {
            start = bodyOffset + bodyLength;
            holding = false;
            if (start == end) {
                start = 0;
                end = 0;
                if (buf.length > KEEP_CAPACITY) {
                    buf = new byte[initialCapacity];
                }
            }
        }
    }

    /** @return the current packet's first byte */
    public int header() {
        return header;
    }

    /** @return the buffer holding the current packet, valid until the next {@link #next()} */
    public byte[] buffer() {
        return buf;
    }

    /** @return where the current packet's body starts */
    public int bodyOffset() {
        return bodyOffset;
    }

    /** @return the current packet's remaining length */
    public int bodyLength() {
        return bodyLength;
    }

    /** @return bytes read from the stream so far */
    public long received() {
        return received;
    }

    /** @return the current packet, decoded */
    public Packet decode() throws MqttException {
        return PacketDecoder.decode(header, buf, bodyOffset, bodyLength);
    }

    private void makeRoom(int total) {
        if (buf.length - start >= total) {
            return;
        }
        int available = end - start;
        byte[] to = buf.length >= total ? buf : new byte[total];
        System.arraycopy(buf, start, to, 0, available);
        buf = to;
        start = 0;
        end = available;
    }

    private boolean fill() throws IOException {
        if (end == buf.length) {
            int available = end - start;
            byte[] to = start == 0 ? new byte[buf.length * 2] : buf;
            System.arraycopy(buf, start, to, 0, available);
            buf = to;
            start = 0;
            end = available;
        }
        int n;
        try {
            n = in.read(buf, end, buf.length - end);
        } catch (SocketTimeoutException e) {
            return false;
        }
        if (n < 0) {
            throw new EOFException("the peer closed the connection" + (end > start ? " in the middle of a packet" : ""));
        }
        end += n;
        received += n;
        return true;
    }
}
