package umqtt.simple.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import umqtt.api.MqttException;

/**
 * Frames the byte stream from the server into whole packets.
 *
 * <p>Bytes are read into one reusable buffer; a packet is handed out only when all of it is
 * there, so a read that times out (the transport's read timeout) keeps what was read and the next
 * call goes on from there. The fixed header is checked as soon as it arrives, and a packet over the
 * size limit is refused before the buffer grows for it.
 */
public final class PacketReader {

    /** Buffers above this size are dropped after their packet, so one big message does not pin memory. */
    private static final int KEEP_CAPACITY = 64 * 1024;
    /**
     * What the buffer grows to, doubling, while reads fill all of it (a stream of messages is
     * queued): reads of a few KB then take a burst in few calls, while a connection that only ever
     * gets acknowledgements and pings keeps its small starting buffer (10,000 idle connections,
     * 256 bytes each instead of 4 KB).
     */
    private static final int STREAM_CAPACITY = 4096;

    private final InputStream in;
    private final int maxPacketSize;
    private final int initialCapacity;
    private byte[] buf;
    private int start;
    private int end;
    private int header;
    private int bodyOffset;
    private int bodyLength;
    private boolean holding;
    private long received;
    /** Whether the last read filled all the free space it was given: more is probably waiting. */
    private boolean lastReadFilled;
    /** An oversized QoS 1/2 PUBLISH being skipped: its first byte, its size and its header's size; 0 when none. */
    private int refusedHeader;
    private long refusedTotal;
    private int refusedHeaderSize;
    /** Where the skipping is: 0 topic length, 1 topic, 2 packet id, 3 payload. */
    private int refusedStage;
    private long skipLeft;
    private long refusedRest;
    private int refusedId;
    /** QoS << 16 | packet id of the PUBLISH the last {@link #next()} refused as too large; 0 for none. */
    private int refusedPublish;

    /**
     * Creates a reader.
     *
     * @param in the stream from the server
     * @param maxPacketSize the largest whole packet (fixed header included) accepted, in bytes
     * @param initialCapacity the starting buffer size
     */
    public PacketReader(InputStream in, int maxPacketSize, int initialCapacity) {
        this.in = in;
        this.maxPacketSize = maxPacketSize;
        this.initialCapacity = initialCapacity;
        this.buf = new byte[initialCapacity];
    }

    /**
     * Reads until one whole packet is buffered, discarding the packet handed out before.
     *
     * @return true when a packet is ready ({@link #header()}, {@link #buffer()},
     *     {@link #bodyOffset()}, {@link #bodyLength()}), false when a read timed out first
     * @throws EOFException when the server closed the connection
     * @throws MqttException when the fixed header is malformed or the packet is over the limit
     * @throws IOException on network failure
     */
    public boolean next() throws IOException {
        release();
        refusedPublish = 0;
        while (true) {
            if (refusedHeader != 0) {
                if (!skipRefused()) {
                    return false;
                }
                throw refused();
            }
            int available = end - start;
            if (available >= 1) {
                Decoder.checkFixedHeader(buf[start] & 0xFF);
            }
            if (available >= 2) {
                long decoded = RemainingLength.decode(buf, start + 1, available - 1);
                if (decoded != RemainingLength.INCOMPLETE) {
                    int headerSize = 1 + RemainingLength.bytes(decoded);
                    long total = (long) headerSize + RemainingLength.value(decoded);
                    if (total > maxPacketSize) {
                        int first = buf[start] & 0xFF;
                        if (first >>> 4 == PacketType.PUBLISH && (first >>> 1 & 3) > 0) {
                            // Skipped, not just refused: a QoS 1/2 message left unacknowledged would
                            // come again with every reconnect of a persistent session.
                            refusedHeader = first;
                            refusedTotal = total;
                            refusedHeaderSize = headerSize;
                            refusedStage = 0;
                            continue;
                        }
                        throw new MqttException(MqttException.PACKET_TOO_LARGE, "the server sent a "
                                + PacketType.name(first >>> 4) + " of " + total
                                + " bytes, over the client's limit of " + maxPacketSize
                                + " bytes (raise it with maxPacketSize)");
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

    /**
     * The QoS 1/2 PUBLISH that the last {@link #next()} refused for its size, after it was read
     * past (never stored): the caller acknowledges it, so the server does not send it again.
     *
     * @return its QoS shifted left by 16 bits, or'ed with its packet id; 0 when none was refused
     */
    public int refusedPublish() {
        return refusedPublish;
    }

    /**
     * Streams past an oversized PUBLISH, keeping only its packet id: the buffer never grows for it.
     *
     * @return false on a read timeout (call again to go on)
     */
    private boolean skipRefused() throws IOException {
        while (true) {
            int available = end - start;
            switch (refusedStage) {
                case 0 -> { // the fixed header and the topic length
                    if (available >= refusedHeaderSize + 2) {
                        int topicLength = Decoder.u16(buf, start + refusedHeaderSize);
                        if (refusedHeaderSize + 2L + topicLength + 2 > refusedTotal) {
                            refusedHeader = 0;
                            throw new MqttException(MqttException.MALFORMED_PACKET, "malformed packet: PUBLISH of "
                                    + refusedTotal + " bytes cannot hold its topic and packet id");
                        }
                        start += refusedHeaderSize + 2;
                        skipLeft = topicLength;
                        refusedRest = refusedTotal - refusedHeaderSize - 2 - topicLength - 2;
                        refusedStage = 1;
                        continue;
                    }
                }
                case 1, 3 -> { // the topic, then the payload
                    int n = (int) Math.min(available, skipLeft);
                    start += n;
                    skipLeft -= n;
                    if (skipLeft == 0) {
                        if (refusedStage == 3) {
                            return true;
                        }
                        refusedStage = 2;
                        continue;
                    }
                }
                default -> { // the packet id
                    if (available >= 2) {
                        refusedId = Decoder.u16(buf, start);
                        start += 2;
                        if (refusedId == 0) {
                            refusedHeader = 0;
                            throw new MqttException(MqttException.MALFORMED_PACKET,
                                    "malformed packet: PUBLISH with QoS > 0 has packet id 0");
                        }
                        skipLeft = refusedRest;
                        refusedStage = 3;
                        continue;
                    }
                }
            }
            if (start == end) {
                start = 0;
                end = 0;
            }
            if (!fill()) {
                return false;
            }
        }
    }

    private MqttException refused() {
        int qos = refusedHeader >>> 1 & 3;
        refusedPublish = qos << 16 | refusedId;
        refusedHeader = 0;
        return new MqttException(MqttException.PACKET_TOO_LARGE, "the server sent a QoS " + qos
                + " PUBLISH (packet id " + refusedId + ") of " + refusedTotal + " bytes, over the client's limit of "
                + maxPacketSize + " bytes (raise it with maxPacketSize); it was skipped unread and acknowledged, "
                + "so the server does not send it again");
    }

    /** Discards the packet handed out by the last {@link #next()}, if any. */
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

    /**
     * The first byte of the current packet's fixed header.
     *
     * @return type and flags
     */
    public int header() {
        return header;
    }

    /**
     * The buffer that holds the current packet's body.
     *
     * @return the buffer; valid until the next call to {@link #next()}
     */
    public byte[] buffer() {
        return buf;
    }

    /**
     * Where the current packet's body starts in {@link #buffer()}.
     *
     * @return the offset
     */
    public int bodyOffset() {
        return bodyOffset;
    }

    /**
     * The current packet's remaining length.
     *
     * @return the body length
     */
    public int bodyLength() {
        return bodyLength;
    }

    /**
     * How many bytes have been read from the stream so far, so a caller can tell that bytes
     * arrived even when no whole packet did.
     *
     * @return the count
     */
    public long received() {
        return received;
    }

    /** Makes sure a packet of {@code total} bytes starting at {@code start} fits in the buffer. */
    private void makeRoom(int total) {
        if (buf.length - start >= total) {
            return;
        }
        int available = end - start;
        if (buf.length >= total) {
            System.arraycopy(buf, start, buf, 0, available);
        } else {
            byte[] bigger = new byte[total];
            System.arraycopy(buf, start, bigger, 0, available);
            buf = bigger;
        }
        start = 0;
        end = available;
    }

    /** Reads what the stream has into the free end of the buffer; false on a read timeout. */
    private boolean fill() throws IOException {
        int size = end == buf.length && start == 0 ? buf.length * 2 // a header longer than the buffer
                : lastReadFilled ? Math.max(buf.length, Math.min(buf.length * 2, STREAM_CAPACITY)) : buf.length;
        if (size > buf.length || end == buf.length) {
            byte[] to = size > buf.length ? new byte[size] : buf;
            System.arraycopy(buf, start, to, 0, end - start);
            buf = to;
            end -= start;
            start = 0;
        }
        int n;
        int free = buf.length - end;
        try {
            n = in.read(buf, end, free);
        } catch (SocketTimeoutException e) {
            return false;
        }
        if (n < 0) {
            throw new EOFException("the server closed the connection" + (end > start ? " in the middle of a packet" : ""));
        }
        lastReadFilled = n == free;
        end += n;
        received += n;
        return true;
    }
}
