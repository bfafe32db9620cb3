package umqtt.tests.virtual;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cuts the bytes a client writes into whole {@link WirePacket}s, however the writes split them. */
public final class WireFramer {

    private byte[] pending = new byte[0];

    /**
     * Adds written bytes and returns the packets now complete.
     *
     * @throws AssertionError when the client wrote a remaining length longer than 4 bytes
     */
    public List<WirePacket> feed(byte[] b, int off, int len) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream(pending.length + len);
        joined.writeBytes(pending);
        joined.write(b, off, len);
        byte[] all = joined.toByteArray();
        List<WirePacket> packets = new ArrayList<>();
        int at = 0;
        while (true) {
            int length = 0;
            int i = at + 1;
            boolean complete = false;
            for (int shift = 0; i < all.length; shift += 7) {
                if (i - at > 4) {
                    throw new AssertionError("the client wrote a remaining length longer than 4 bytes");
                }
                int digit = all[i++] & 0xFF;
                length |= (digit & 0x7F) << shift;
                if ((digit & 0x80) == 0) {
                    complete = true;
                    break;
                }
            }
            if (!complete || all.length - i < length) {
                break;
            }
            packets.add(new WirePacket(all[at] & 0xFF, Arrays.copyOfRange(all, i, i + length)));
            at = i + length;
        }
        pending = Arrays.copyOfRange(all, at, all.length);
        return packets;
    }

    /** @return whether part of a packet is still waiting for the rest */
    public boolean hasPartial() {
        return pending.length > 0;
    }
}
