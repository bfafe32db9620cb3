package umqtt.tests.virtual;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import umqtt.api.spi.Transport;

/**
 * One connection over a {@link VirtualLink}: the client's {@link Transport} and the server's means
 * to answer. Deterministic and single-threaded: the server's packets are scheduled at virtual
 * times, and a read that has to wait advances the clock to the next one (or by its whole timeout,
 * then times out). Each read returns bytes of one packet at most, so the link knows exactly how
 * many packets the client has taken in.
 */
public final class VirtualConnection implements Transport {

    private static final long NEVER = Long.MAX_VALUE;

    /** A packet on its way to the client. */
    private static final class Scheduled {
        final long due;
        final long seq;
        final WirePacket packet;
        final byte[] bytes;
        int read;

        Scheduled(long due, long seq, WirePacket packet) {
            this.due = due;
            this.seq = seq;
            this.packet = packet;
            this.bytes = packet.toBytes();
        }
    }

    private final VirtualLink link;
    private final VirtualClock clock;
    private final int number;
    private final WireFramer framer = new WireFramer();
    private final PriorityQueue<Scheduled> toClient = new PriorityQueue<>(
            Comparator.<Scheduled>comparingLong(s -> s.due - VirtualClock.START).thenComparingLong(s -> s.seq));
    private long seq;
    private long cutAt = NEVER;
    private long expireAfterNanos;
    private long lastWrite;
    private boolean closedByClient;
    private int readTimeoutMillis;
    private int packetsRead;
    private int dueAtClose;
    private final int[] readByType = new int[16];
    private final InputStream in = new In();
    private final OutputStream out = new Out();

    VirtualConnection(VirtualLink link, VirtualClock clock, int number) {
        this.link = link;
        this.clock = clock;
        this.number = number;
        this.lastWrite = clock.nanoTime();
    }

    // ------------------------------------------------------------ the server's side

    /**
     * Sends a packet to the client now.
     *
     * @param packet the packet
     */
    public void send(WirePacket packet) {
        send(0, packet);
    }

    /**
     * Sends a packet to the client {@code delayMillis} from now (packets due at the same time
     * arrive in the order they were sent). Ignored once the link is cut or closed.
     *
     * @param delayMillis at least 0
     * @param packet the packet
     */
    public void send(long delayMillis, WirePacket packet) {
        Objects.requireNonNull(packet, "packet");
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delay must not be negative: " + delayMillis);
        }
        long due = clock.nanoTime() + delayMillis * 1_000_000L;
        if (isOpen() && (cutAt == NEVER || due - cutAt < 0)) {
            toClient.add(new Scheduled(due, seq++, packet));
        }
    }

    /** Cuts the link now: what was not read is lost; the client's next read or write fails. */
    public void cut() {
        cutAfter(0);
    }

    /**
     * Cuts the link {@code delayMillis} from now: packets due before then still arrive.
     *
     * @param delayMillis at least 0
     */
    public void cutAfter(long delayMillis) {
        long at = clock.nanoTime() + delayMillis * 1_000_000L;
        if (cutAt == NEVER || at - cutAt < 0) {
            cutAt = at;
            toClient.removeIf(s -> s.due - at >= 0);
        }
    }

    /**
     * Cuts the link when the client has written nothing for {@code millis}, as a broker ends a
     * connection whose keepalive expired; 0 turns this off.
     *
     * @param millis at least 0
     */
    public void expireAfterSilence(long millis) {
        expireAfterNanos = millis * 1_000_000L;
    }

    /** Drops every packet scheduled for the client and not yet read whole: the link went dead. */
    public void dropScheduled() {
        toClient.removeIf(s -> s.read == 0);
    }

    /** @return whether the server cut the link (by {@link #cut()} or {@link #cutAfter(long)}, not by expiry) by now */
    public boolean cutByServer() {
        return cutAt != NEVER && clock.nanoTime() - cutAt >= 0;
    }

    /** @return when the link was or will be cut, in virtual ms, or -1 when no cut is due */
    public long cutMillis() {
        long at = cutTime();
        return at == NEVER ? -1 : (at - VirtualClock.START) / 1_000_000;
    }

    /** The earlier of the explicit cut and the silence expiry, or NEVER. */
    private long cutTime() {
        long at = cutAt;
        if (expireAfterNanos > 0) {
            long expiry = lastWrite + expireAfterNanos;
            if (at == NEVER || expiry - at < 0) {
                at = expiry;
            }
        }
        return at;
    }

    /** @return whether neither side has ended the connection yet (as of now) */
    public boolean isOpen() {
        long at = cutTime();
        return !closedByClient && (at == NEVER || clock.nanoTime() - at < 0);
    }

    /** @return whether the client closed this connection */
    public boolean closedByClient() {
        return closedByClient;
    }

    /** @return this connection's number on its link, 1 for the first */
    public int number() {
        return number;
    }

    /** @return how many packets the client has read whole */
    public int packetsRead() {
        return packetsRead;
    }

    /**
     * @param type a packet type
     * @return how many packets of {@code type} the client has read whole
     */
    public int packetsRead(int type) {
        return readByType[type];
    }

    /** @return how many scheduled packets the client has not read whole (due or not) */
    public int packetsUnread() {
        return toClient.size();
    }

    /** @return how many packets are due (their time has come) and not yet read whole by the client */
    public int packetsDue() {
        long now = clock.nanoTime();
        return isOpen() ? (int) toClient.stream().filter(s -> s.due - now <= 0).count() : 0;
    }

    /** @return how many packets were due and unread when the client closed the connection (0 while open) */
    public int packetsDueAtClose() {
        return dueAtClose;
    }

    /** @return the packets scheduled for the client and not yet read, in arrival order */
    public List<WirePacket> unread() {
        return toClient.stream().sorted(toClient.comparator()).map(s -> s.packet).toList();
    }

    /** @return the last read timeout the client set, in ms (0 = none) */
    public int readTimeoutMillis() {
        return readTimeoutMillis;
    }

    // ------------------------------------------------------------ the client's side

    @Override
    public InputStream input() {
        return in;
    }

    @Override
    public OutputStream output() {
        return out;
    }

    @Override
    public void setReadTimeout(int millis) throws IOException {
        if (millis < 0) {
            throw new IllegalArgumentException("read timeout must not be negative: " + millis);
        }
        checkUsable();
        readTimeoutMillis = millis;
    }

    @Override
    public void close() {
        if (!closedByClient) {
            dueAtClose = packetsDue();
        }
        closedByClient = true;
        toClient.clear();
    }

    private void checkUsable() throws IOException {
        if (closedByClient) {
            throw new IOException("virtual connection #" + number + " is closed");
        }
        long at = cutTime();
        if (at != NEVER && clock.nanoTime() - at >= 0) {
            toClient.clear();
            throw new IOException("connection reset: virtual link #" + number + " was cut at t="
                    + (at - VirtualClock.START) / 1_000_000 + " ms" + (at == cutAt ? "" : " (keepalive expired)"));
        }
    }

    /** Waits (virtually) for the next packet due, within the read timeout. */
    private Scheduled next() throws IOException {
        long deadline = readTimeoutMillis == 0 ? NEVER : clock.nanoTime() + readTimeoutMillis * 1_000_000L;
        while (true) {
            checkUsable();
            Scheduled head = toClient.peek();
            if (head != null && head.due - clock.nanoTime() <= 0) {
                return head;
            }
            long cut = cutTime();
            long event = head != null && (cut == NEVER || head.due - cut < 0) ? head.due : cut;
            if (event == NEVER && deadline == NEVER) {
                throw new BlockedForeverError(clock.millis(), "link #" + number + ", " + link.traffic().all().size()
                        + " packets so far");
            }
            if (deadline != NEVER && (event == NEVER || event - deadline > 0)) {
                link.checkWatchdog(deadline);
                clock.advanceTo(deadline);
                throw new SocketTimeoutException("virtual read timed out after " + readTimeoutMillis + " ms at t="
                        + clock.millis() + " ms");
            }
            link.checkWatchdog(event);
            clock.advanceTo(event);
        }
    }

    private int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        Scheduled s = next();
        int n = Math.min(len, s.bytes.length - s.read);
        System.arraycopy(s.bytes, s.read, b, off, n);
        s.read += n;
        if (s.read == s.bytes.length) {
            toClient.poll();
            packetsRead++;
            readByType[s.packet.type()]++;
            link.record(new Traffic.Entry(number, false, (s.due - VirtualClock.START) / 1_000_000,
                    clock.millis(), s.packet));
        }
        return n;
    }

    private int available() {
        Scheduled head = toClient.peek();
        return head != null && head.due - clock.nanoTime() <= 0 && isOpen() ? head.bytes.length - head.read : 0;
    }

    private void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (closedByClient && len > 0) {
            link.wroteAfterClose(this);
        }
        checkUsable();
        lastWrite = clock.nanoTime();
        for (WirePacket p : framer.feed(b, off, len)) {
            link.record(new Traffic.Entry(number, true, clock.millis(), clock.millis(), p));
            if (isOpen()) {
                link.handle(this, p);
            }
        }
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return VirtualConnection.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return VirtualConnection.this.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            checkUsable();
            return VirtualConnection.this.available();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            VirtualConnection.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            VirtualConnection.this.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            checkUsable();
        }
    }

    @Override
    public String toString() {
        return "VirtualConnection#" + number + (isOpen() ? "" : closedByClient ? " (closed)" : " (cut)");
    }
}
