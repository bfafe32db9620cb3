package umqtt.simple.codec;

import umqtt.api.MqttException;

/**
 * The variable byte integer of the fixed header (MQTT 3.1.1 §2.2.3): 7 bits a byte, least
 * significant group first, the high bit meaning "more follows", 1 to 4 bytes, at most
 * 268,435,455. We accept only the minimal encoding, since a longer one is either a broken peer or
 * an attempt to smuggle bytes past a length check.
 */
public final class RemainingLength {

    /** The largest remaining length MQTT can express: 268,435,455. */
    public static final int MAX = 268_435_455;

    /** Returned by {@link #decode} when more bytes are needed. */
    public static final long INCOMPLETE = -1;

    private RemainingLength() {
    }

    /**
     * How many bytes {@code value} takes.
     *
     * @param value 0..{@link #MAX}
     * @return 1 to 4
     */
    public static int size(int value) {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("remaining length must be 0.." + MAX + " but was " + value);
        }
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    /**
     * Writes {@code value} at {@code dst[off]}.
     *
     * @param value 0..{@link #MAX}
     * @param dst the destination
     * @param off where to write
     * @return the offset after the last byte written
     */
    public static int write(int value, byte[] dst, int off) {
        size(value);
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            dst[off++] = (byte) (value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return off;
    }

    /**
     * Reads a remaining length from {@code buf[off..off+len)}.
     *
     * @param buf the bytes
     * @param off where the length starts
     * @param len how many bytes are available
     * @return {@link #INCOMPLETE} when more bytes are needed, otherwise the value in the low 32 bits
     *     and the number of bytes it took in the high 32 bits
     * @throws MqttException when it takes more than 4 bytes or is not minimally encoded
     */
    public static long decode(byte[] buf, int off, int len) throws MqttException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (i >= len) {
                return INCOMPLETE;
            }
            int b = buf[off + i] & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new MqttException(MqttException.MALFORMED_PACKET,
                            "malformed packet: remaining length in " + (i + 1) + " bytes where " + size(value) + " suffice");
                }
                return ((long) (i + 1) << 32) | value;
            }
        }
        throw new MqttException(MqttException.MALFORMED_PACKET,
                "malformed packet: remaining length of more than 4 bytes (the limit is " + MAX + ")");
    }

    /**
     * The value part of a successful {@link #decode} result.
     *
     * @param decoded the result of decode
     * @return the remaining length
     */
    public static int value(long decoded) {
        return (int) decoded;
    }

    /**
     * The byte count part of a successful {@link #decode} result.
     *
     * @param decoded the result of decode
     * @return 1 to 4
     */
    public static int bytes(long decoded) {
        return (int) (decoded >>> 32);
    }
}
