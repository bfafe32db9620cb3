package umqtt.mqtt5.codec;

import java.util.Arrays;
import umqtt.api.MqttException;
import umqtt.simple.codec.RemainingLength;
import umqtt.simple.codec.Utf8;

/**
 * A read position in one packet's body that never reads past the packet: every field's length is
 * checked against the bytes that remain before anything is allocated for it (0x81 otherwise).
 */
public final class Wire {

    private final byte[] buf;
    private final String packet;
    private int pos;
    private int end;

    /**
     * @param buf the bytes
     * @param off where the body starts
     * @param len the body's length
     * @param packet the packet's name, for messages
     */
    public Wire(byte[] buf, int off, int len, String packet) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
        this.packet = packet;
    }

    /** @return the packet's name */
    public String packet() {
        return packet;
    }

    /** @return how many bytes remain */
    public int remaining() {
        return end - pos;
    }

    /** @return the current position in the buffer */
    public int position() {
        return pos;
    }

    /** @return the end of the readable range */
    public int end() {
        return end;
    }

    /** Limits reading to {@code newEnd}, which must not be past the current end. */
    void limit(int newEnd) {
        end = newEnd;
    }

    private void need(int n, String field) throws MqttException {
        if (n > end - pos) {
            throw Faults.malformed(packet + " ends inside its " + field + " (" + n + " bytes needed, "
                    + (end - pos) + " left)");
        }
    }

    /** @return the next byte, 0 to 255 */
    public int u8(String field) throws MqttException {
        need(1, field);
        return buf[pos++] & 0xFF;
    }

    /** @return the next two-byte integer */
    public int u16(String field) throws MqttException {
        need(2, field);
        int v = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
        pos += 2;
        return v;
    }

    /** @return the next four-byte integer, unsigned */
    public long u32(String field) throws MqttException {
        need(4, field);
        long v = ((long) (buf[pos] & 0xFF) << 24) | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
                | buf[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    /** @return the next variable byte integer (MQTT 5.0, 1.5.5: at most 4 bytes, minimal encoding) */
    public int vbi(String field) throws MqttException {
        long d;
        try {
            d = RemainingLength.decode(buf, pos, end - pos);
        } catch (MqttException e) {
            throw Faults.malformed(packet + " " + field + ": a variable byte integer of more than 4 bytes or not in "
                    + "its shortest form (MQTT-1.5.5-1)");
        }
        if (d == RemainingLength.INCOMPLETE) {
            throw Faults.malformed(packet + " ends inside its " + field);
        }
        pos += RemainingLength.bytes(d);
        return RemainingLength.value(d);
    }

    /** @return the next binary field (two-byte length, then the bytes), copied */
    public byte[] binary(String field) throws MqttException {
        int n = u16(field);
        need(n, field);
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** @return the next UTF-8 string's bytes, checked (MQTT-1.5.4-1, -2), copied */
    public byte[] utf8(String field) throws MqttException {
        int n = u16(field);
        need(n, field);
        if (Utf8.firstInvalid(buf, pos, n) >= 0) {
            throw Faults.malformed(packet + " " + field + " is not well-formed UTF-8 or holds U+0000 (MQTT-1.5.4-1, "
                    + "MQTT-1.5.4-2)");
        }
        byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return b;
    }

    /** @return the rest of the range, copied */
    public byte[] rest() {
        byte[] b = Arrays.copyOfRange(buf, pos, end);
        pos = end;
        return b;
    }
}
