package umqtt.tests.virtual;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every packet that crossed a {@link VirtualLink}, both ways, in the order it crossed: a packet to
 * the server when the client wrote it, a packet to the client when the client had read all of it.
 */
public final class Traffic {

    /**
     * One packet that crossed.
     *
     * @param link the connection's number, 1 for the first
     * @param toServer true for client to server
     * @param millis when it was sent (written by the client, or due to arrive from the server), virtual ms
     * @param readMillis when the client had read all of it (= {@code millis} for packets to the server)
     * @param packet the packet
     */
    public record Entry(int link, boolean toServer, long millis, long readMillis, WirePacket packet) {

        /** @return the packet's type */
        public int type() {
            return packet.type();
        }

        @Override
        public String toString() {
            return String.format("%9d ms #%d %s %s%s", millis, link, toServer ? "C->S" : "S->C", packet,
                    readMillis != millis ? " (read at " + readMillis + " ms)" : "");
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    void add(Entry e) {
        entries.add(e);
    }

    /** @return every entry so far, in order */
    public List<Entry> all() {
        return List.copyOf(entries);
    }

    /** @return the entries that match */
    public List<Entry> where(Predicate<Entry> p) {
        return entries.stream().filter(p).toList();
    }

    /** @return the packets the client sent, with their times */
    public List<Entry> toServer() {
        return where(Entry::toServer);
    }

    /** @return the packets of {@code type} the client sent */
    public List<Entry> toServer(int type) {
        return where(e -> e.toServer && e.type() == type);
    }

    /** @return the packets the client read */
    public List<Entry> toClient() {
        return where(e -> !e.toServer);
    }

    /** @return the packets of {@code type} the client read */
    public List<Entry> toClient(int type) {
        return where(e -> !e.toServer && e.type() == type);
    }

    /** @return the last entry, or null */
    public Entry last() {
        return entries.isEmpty() ? null : entries.get(entries.size() - 1);
    }

    /** Forgets what crossed so far, so a test can assert on what follows. */
    public void clear() {
        entries.clear();
    }

    /** @return one line per entry, for assertion messages */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append('\n').append(e);
        }
        return sb.toString();
    }
}
