package umqtt.tests.virtual;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.TransportProvider;
import umqtt.simple.SimpleClient;

/**
 * An in-memory network between one client and a {@link ServerHandler}, on a {@link VirtualClock}:
 * the {@link TransportProvider} a test hands to the client's builder. Every {@code connect}
 * opens a new {@link VirtualConnection}; every packet either way is kept in {@link #traffic()}.
 *
 * <pre>{@code
 * VirtualClock clock = new VirtualClock();
 * VirtualLink link = new VirtualLink(clock, new ScriptedBroker());
 * SimpleClient c = link.client().keepAlive(Duration.ofSeconds(60)).build();
 * }</pre>
 */
public final class VirtualLink implements TransportProvider {

    /** The server URI clients built by {@link #client()} use. */
    public static final String SERVER = "mqtt://virtual:1883";

    private final VirtualClock clock;
    private final ServerHandler handler;
    private final Traffic traffic = new Traffic();
    private VirtualConnection current;
    private int opened;
    private boolean refusing;
    private int writesAfterClose;
    private java.util.function.Consumer<Traffic.Entry> observer = e -> { };
    /** By default no read may carry the clock past 30 virtual days: a client spinning in virtual time ends the test. */
    public static final long DEFAULT_WATCHDOG_MS = 30L * 24 * 3_600_000;

    private long watchdogNanos = VirtualClock.START + DEFAULT_WATCHDOG_MS * 1_000_000L;

    /**
     * @param clock the clock reads advance
     * @param handler the server side
     */
    public VirtualLink(VirtualClock clock, ServerHandler handler) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * A client builder wired to this link and its clock, client id "virtual".
     *
     * @return the builder; set keepalive and timeouts, then build
     */
    public SimpleClient.Builder client() {
        return SimpleClient.builder().server(SERVER).clientId("virtual").transport(this).timeSource(clock);
    }

    @Override
    public Set<String> schemes() {
        return Set.of("mqtt", "tcp");
    }

    @Override
    public int defaultPort(String scheme) {
        return 1883;
    }

    @Override
    public Transport open(URI uri, TransportOptions options) throws IOException {
        Objects.requireNonNull(uri, "uri");
        if (refusing) {
            throw new ConnectException("connection refused by the virtual link at t=" + clock.millis() + " ms");
        }
        current = new VirtualConnection(this, clock, ++opened);
        return current;
    }

    /**
     * Makes later connects fail (true) or succeed again (false).
     *
     * @param refuse whether to refuse
     */
    public void refuseConnections(boolean refuse) {
        this.refusing = refuse;
    }

    /** @return the connection opened last, or null before the first connect */
    public VirtualConnection current() {
        return current;
    }

    /** @return how many connections were opened */
    public int opened() {
        return opened;
    }

    /** @return every packet that crossed, both ways */
    public Traffic traffic() {
        return traffic;
    }

    /** @return the clock */
    public VirtualClock clock() {
        return clock;
    }

    /**
     * Calls {@code observer} for every packet that crosses, as it crosses (a packet to the client
     * when the client has read all of it): for invariants about what the client has seen.
     *
     * @param observer the observer; it runs inside the client's read or write
     */
    public void observe(java.util.function.Consumer<Traffic.Entry> observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * Makes any read that would carry the clock past {@code atMillis} throw a
     * {@link BlockedForeverError} instead: a client that keeps waiting (for instance pinging a dead
     * link forever without giving up) ends the test rather than looping through virtual time.
     *
     * @param atMillis virtual ms; {@code Long.MAX_VALUE} for none (the default is
     *     {@link #DEFAULT_WATCHDOG_MS})
     */
    public void watchdog(long atMillis) {
        watchdogNanos = atMillis == Long.MAX_VALUE ? Long.MAX_VALUE : VirtualClock.START + atMillis * 1_000_000L;
    }

    /** Throws when the clock is to pass the watchdog. */
    void checkWatchdog(long toNanos) {
        if (watchdogNanos != Long.MAX_VALUE && toNanos - watchdogNanos > 0) {
            throw new BlockedForeverError(clock.millis(), "it is still waiting past the test's watchdog at t="
                    + (watchdogNanos - VirtualClock.START) / 1_000_000 + " ms", true);
        }
    }

    /** @return how many times the client wrote to a connection it had closed itself (a client never should) */
    public int writesAfterClose() {
        return writesAfterClose;
    }

    void wroteAfterClose(VirtualConnection connection) {
        writesAfterClose++;
    }

    /** Records a packet that crossed and tells the observer. */
    void record(Traffic.Entry entry) {
        traffic.add(entry);
        observer.accept(entry);
    }

    /** Hands a packet to the server; a failing handler fails the test, never the client's I/O. */
    void handle(VirtualConnection connection, WirePacket packet) {
        try {
            handler.onPacket(connection, packet);
        } catch (RuntimeException e) {
            throw new AssertionError("the virtual server failed on " + packet + " at t=" + clock.millis() + " ms: "
                    + e, e);
        }
    }
}
