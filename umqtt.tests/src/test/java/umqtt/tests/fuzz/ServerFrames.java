package umqtt.tests.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reference reading of a server's byte stream under RFC 6455, written plainly and apart from
 * the client's reader: which payload bytes it carries, which pings it holds, and whether it ends
 * cleanly (the end of the stream at a message boundary) or in an error.
 *
 * @param payload the binary payload bytes, in order, up to where the stream ends or breaks a rule
 * @param pings the payloads of the pings before that point
 * @param clean whether the stream ends cleanly
 */
record ServerFrames(byte[] payload, List<byte[]> pings, boolean clean) {

    /**
     * Reads a server's stream.
     *
     * @param wire the bytes
     * @param maxFrame the largest frame payload allowed
     * @param maxMessage the largest message allowed
     * @return what it carries
     */
    static ServerFrames read(byte[] wire, long maxFrame, long maxMessage) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        List<byte[]> pings = new ArrayList<>();
        int pos = 0;
        boolean inMessage = false;
        long messageSize = 0;
        while (true) {
            if (pos == wire.length) {
                return new ServerFrames(payload.toByteArray(), pings, !inMessage);
            }
            if (wire.length - pos < 2) {
                return broken(payload, pings);
            }
            int b0 = wire[pos] & 0xFF;
            int b1 = wire[pos + 1] & 0xFF;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            boolean control = opcode >= 8;
            int len7 = b1 & 0x7F;
            boolean defined = opcode <= 2 || (opcode >= 8 && opcode <= 10);
            if ((b0 & 0x70) != 0 || !defined || (control && (!fin || len7 > 125)) || (b1 & 0x80) != 0) {
                return broken(payload, pings); // reserved bits or opcode, bad control frame, masked
            }
            int extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
            if (wire.length - pos < 2 + extended) {
                return broken(payload, pings);
            }
            long length = len7;
            if (extended > 0) {
                length = 0;
                for (int i = 0; i < extended; i++) {
                    length = (length << 8) | (wire[pos + 2 + i] & 0xFF);
                }
                if (length < 0) {
                    return broken(payload, pings);
                }
            }
            pos += 2 + extended;
            if (control) {
                if (wire.length - pos < length || opcode == 8) {
                    return broken(payload, pings); // cut short, or a close: both end in an IOException
                }
                if (opcode == 9) {
                    pings.add(Arrays.copyOfRange(wire, pos, pos + (int) length));
                }
                pos += (int) length;
                continue;
            }
            long size = opcode == 2 ? length : messageSize + length;
            if (opcode == 1 || (opcode == 2 && inMessage) || (opcode == 0 && !inMessage)
                    || length > maxFrame || size > maxMessage) {
                return broken(payload, pings);
            }
            int here = (int) Math.min(length, wire.length - pos);
            payload.write(wire, pos, here);
            if (here < length) {
                return broken(payload, pings);
            }
            pos += here;
            messageSize = size;
            inMessage = !fin;
        }
    }

    private static ServerFrames broken(ByteArrayOutputStream payload, List<byte[]> pings) {
        return new ServerFrames(payload.toByteArray(), pings, false);
    }
}
