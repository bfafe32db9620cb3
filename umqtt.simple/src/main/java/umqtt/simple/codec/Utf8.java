package umqtt.simple.codec;

/**
 * Strict UTF-8 validation without allocation, as MQTT 3.1.1 §1.5.3 requires of every string:
 * well-formed (no overlong forms, no surrogates, nothing above U+10FFFF) and no U+0000.
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * The index of the first byte that breaks the rules, or -1 when {@code b[off..off+len)} is
     * valid MQTT UTF-8.
     *
     * @param b the bytes
     * @param off the start
     * @param len the length
     * @return -1, or the offending index
     */
    public static int firstInvalid(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                if (c == 0) {
                    return i;
                }
                i++;
                continue;
            }
            int need;
            int min;
            int cp;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
                cp = c & 0x0F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
                cp = c & 0x07;
            } else {
                return i;
            }
            if (i + need >= end) {
                return i;
            }
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += need + 1;
        }
        return -1;
    }
}
