package umqtt.tests.brokers;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One MQTT packet as raw bytes: the fixed-header byte and the body (everything after the
 * remaining length). Framed by this fixture's own minimal reader, independent of our codec, so
 * tests can check what the client really sent.
 *
 * @param header the first byte: packet type in the high nibble, flags in the low nibble
 * @param body the variable header and payload
 */
public record RawPacket(int header, byte[] body) {

    /** The largest remaining length MQTT can encode (4 bytes of variable length integer). */
    private static final int MAX_REMAINING_LENGTH = 268_435_455;

    /** Validates the header byte and copies nothing (tests may compare {@link #body()}). */
    public RawPacket {
        if (header < 0 || header > 0xFF) {
            throw new IllegalArgumentException("header must be one byte but was " + header);
        }
        Objects.requireNonNull(body, "body");
    }

    /**
     * Reads one packet, blocking until it is complete.
     *
     * @param in the stream to read
     * @return the packet
     * @throws EOFException when the stream ends before a whole packet arrived
     * @throws IOException when reading fails or the remaining length is longer than 4 bytes
     */
    public static RawPacket readFrom(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        int header = readByte(in);
        int length = 0;
        for (int i = 0, shift = 0; ; i++, shift += 7) {
            if (i == 4) {
                throw new IOException("remaining length longer than 4 bytes");
            }
            int b = readByte(in);
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("stream ended after " + body.length + " of " + length + " body bytes");
        }
        return new RawPacket(header, body);
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended before a whole packet arrived");
        }
        return b;
    }

    /** @return the packet type, 1 (CONNECT) to 14 (DISCONNECT) */
    public int type() {
        return header >>> 4;
    }

    /** @return the flags of the fixed header (low nibble) */
    public int flags() {
        return header & 0x0F;
    }

    /** @return the whole packet as it travels: header, remaining length, body */
    public byte[] toBytes() {
        if (body.length > MAX_REMAINING_LENGTH) {
            throw new IllegalStateException("body too long for MQTT: " + body.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 5);
        out.write(header);
        int length = body.length;
        do {
            int digit = length & 0x7F;
            length >>>= 7;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** @return the packet in hex, e.g. {@code "20 02 00 00"} */
    @Override
    public String toString() {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(toBytes());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawPacket packet && packet.header == header
                && java.util.Arrays.equals(packet.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * header + java.util.Arrays.hashCode(body);
    }
}
