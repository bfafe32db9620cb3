package umqtt.transport.websocket.frame;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Masking keys from a strong source of entropy (RFC 6455 section 5.3 requires keys the payload's
 * author cannot predict). Keys are drawn from a {@link SecureRandom} 64 at a time into a reusable
 * pool, so sending a frame neither allocates nor pays a call into the random source each time.
 * Not thread-safe: one per connection, used under the writer's lock.
 */
public final class MaskKeys {

    private final SecureRandom random;
    private final byte[] pool = new byte[256];
    private int next = pool.length;

    /**
     * Creates a key source.
     *
     * @param random the strong random source
     */
    public MaskKeys(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The next masking key.
     *
     * @return four unpredictable bytes
     */
    public int next() {
        if (next == pool.length) {
            random.nextBytes(pool);
            next = 0;
        }
        int p = next;
        next += 4;
        return (pool[p] & 0xFF) << 24 | (pool[p + 1] & 0xFF) << 16 | (pool[p + 2] & 0xFF) << 8 | (pool[p + 3] & 0xFF);
    }
}
