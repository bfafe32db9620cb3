package umqtt.transport.websocket.frame;

/**
 * The header of one WebSocket frame (RFC 6455 section 5.2): encoded by a static method, decoded
 * into a reusable instance so that reading frames allocates nothing.
 *
 * <pre>
 *  byte 0: FIN, RSV1..3, opcode (4 bits)
 *  byte 1: MASK, payload length 0..125, or 126 (+16-bit length) or 127 (+64-bit length)
 *  then the extended length, then the 4-byte masking key when MASK is set
 * </pre>
 */
public final class FrameHeader {

    /** The longest header: 2 bytes, a 64-bit length and a masking key. */
    public static final int MAX_LENGTH = 14;
    /** The largest payload of a control frame. */
    public static final int MAX_CONTROL_PAYLOAD = 125;

    private boolean fin;
    private int opcode;
    private boolean masked;
    private int maskKey;
    private long payloadLength;

    /** Creates an empty header to decode into. */
    public FrameHeader() {
    }

    /**
     * The header length for a payload length.
     *
     * @param payloadLength the payload length, not negative
     * @param masked whether a masking key follows
     * @return 2 to 14
     */
    public static int length(long payloadLength, boolean masked) {
        int n = payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return masked ? n + 4 : n;
    }

    /**
     * Writes a header with the shortest length encoding and clear reserved bits.
     *
     * @param dst the buffer; needs {@link #length(long, boolean)} bytes from {@code off}
     * @param off where to write
     * @param fin whether this is the final frame of its message
     * @param opcode the 4-bit opcode
     * @param payloadLength the payload length, not negative
     * @param masked whether to set MASK and write {@code maskKey}
     * @param maskKey the masking key, big-endian on the wire
     * @return the number of bytes written
     */
    public static int encode(byte[] dst, int off, boolean fin, int opcode, long payloadLength,
            boolean masked, int maskKey) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("payload length must not be negative but was " + payloadLength);
        }
        if ((opcode & ~0xF) != 0) {
            throw new IllegalArgumentException("opcode must fit 4 bits but was " + opcode);
        }
        int p = off;
        dst[p++] = (byte) ((fin ? 0x80 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payloadLength <= 125) {
            dst[p++] = (byte) (maskBit | (int) payloadLength);
        } else if (payloadLength <= 0xFFFF) {
            dst[p++] = (byte) (maskBit | 126);
            dst[p++] = (byte) (payloadLength >>> 8);
            dst[p++] = (byte) payloadLength;
        } else {
            dst[p++] = (byte) (maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                dst[p++] = (byte) (payloadLength >>> shift);
            }
        }
        if (masked) {
            dst[p++] = (byte) (maskKey >>> 24);
            dst[p++] = (byte) (maskKey >>> 16);
            dst[p++] = (byte) (maskKey >>> 8);
            dst[p++] = (byte) maskKey;
        }
        return p - off;
    }

    /**
     * Decodes a header from {@code len} bytes at {@code off}, if they hold a whole one. Consumes
     * nothing: the caller advances by the returned length, so a header split across reads is
     * simply decoded again once the rest has arrived.
     *
     * @param src the bytes
     * @param off where the header starts
     * @param len how many bytes are available from {@code off}
     * @return the header length, or 0 when more bytes are needed (this instance is then unchanged)
     * @throws WebSocketProtocolException for reserved bits or opcodes, a fragmented or over-long
     *     control frame, or a 64-bit length with its most significant bit set
     */
    public int decode(byte[] src, int off, int len) throws WebSocketProtocolException {
        if (len < 2) {
            return 0;
        }
        int b0 = src[off] & 0xFF;
        int b1 = src[off + 1] & 0xFF;
        boolean isFin = (b0 & 0x80) != 0;
        int rsv = (b0 >>> 4) & 0x7;
        int op = b0 & 0xF;
        if (rsv != 0) {
            throw new WebSocketProtocolException(CloseStatus.PROTOCOL_ERROR, "a frame has reserved bits set (RSV "
                    + Integer.toBinaryString(rsv) + ") but no extension was negotiated");
        }
        if (!Opcode.isDefined(op)) {
            throw new WebSocketProtocolException(CloseStatus.PROTOCOL_ERROR,
                    "a frame has the reserved opcode 0x" + Integer.toHexString(op));
        }
        boolean isMasked = (b1 & 0x80) != 0;
        int len7 = b1 & 0x7F;
        if (Opcode.isControl(op)) {
            if (!isFin) {
                throw new WebSocketProtocolException(CloseStatus.PROTOCOL_ERROR,
                        "a " + Opcode.describe(op) + " control frame is fragmented (FIN not set)");
            }
            if (len7 > MAX_CONTROL_PAYLOAD) {
                throw new WebSocketProtocolException(CloseStatus.PROTOCOL_ERROR, "a " + Opcode.describe(op)
                        + " control frame has a payload over " + MAX_CONTROL_PAYLOAD + " bytes");
            }
        }
        int extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        int headerLength = 2 + extended + (isMasked ? 4 : 0);
        if (len < headerLength) {
            return 0;
        }
        long length = len7;
        if (extended > 0) {
            length = 0;
            for (int i = 0; i < extended; i++) {
                length = (length << 8) | (src[off + 2 + i] & 0xFF);
            }
            if (length < 0) {
                throw new WebSocketProtocolException(CloseStatus.PROTOCOL_ERROR,
                        "a frame's 64-bit payload length has its most significant bit set");
            }
        }
        int key = 0;
        if (isMasked) {
            int k = off + 2 + extended;
            key = (src[k] & 0xFF) << 24 | (src[k + 1] & 0xFF) << 16 | (src[k + 2] & 0xFF) << 8 | (src[k + 3] & 0xFF);
        }
        this.fin = isFin;
        this.opcode = op;
        this.masked = isMasked;
        this.maskKey = key;
        this.payloadLength = length;
        return headerLength;
    }

    /**
     * Whether the last decoded frame is the final one of its message.
     *
     * @return the FIN bit
     */
    public boolean fin() {
        return fin;
    }

    /**
     * The last decoded opcode.
     *
     * @return the 4-bit opcode
     */
    public int opcode() {
        return opcode;
    }

    /**
     * Whether the last decoded frame is masked.
     *
     * @return the MASK bit
     */
    public boolean masked() {
        return masked;
    }

    /**
     * The last decoded masking key (0 when not masked).
     *
     * @return the key, big-endian as on the wire
     */
    public int maskKey() {
        return maskKey;
    }

    /**
     * The last decoded payload length.
     *
     * @return the length, not negative
     */
    public long payloadLength() {
        return payloadLength;
    }
}
