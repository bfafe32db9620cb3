package umqtt.tests.robust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import umqtt.api.AckListener;
import umqtt.api.MessageCallback;
import umqtt.api.MqttClient;
import umqtt.api.MqttException;

/**
 * A scripted {@link MqttClient} for the policy logic of RobustClient (attempt counting, backoff,
 * refusals, which server is tried, what is replayed). It follows the delegate contract: an
 * IOException disconnects it; a failed QoS 1/2 publish stays "in the session" and connect(false)
 * completes it. Behaviour against brokers is tested with real brokers, not with this.
 *
 * <p>Sends follow the pipelining contract: consecutive tickets; a QoS 1/2 message stays "in
 * flight" until {@link #ackAll()} (or flush) acknowledges it, also when its send failed; connect(false)
 * acknowledges what is in flight (the session resumed), connect(true) discards it (the listener
 * hears an IOException).
 */
final class FakeClient implements MqttClient {

    /** What the next connect does: throw, or answer with a session-present flag. */
    private final Deque<Object> connects = new ArrayDeque<>();
    /** What the next operations do: throw, or (null) succeed; a LinkedList, as it holds nulls. */
    private final Deque<IOException> operations = new LinkedList<>();
    private final String name;
    /** Every call, e.g. "a connect(false)", "a publish(t,1)". */
    final List<String> calls;
    /** When each connect was called (System.nanoTime, or the virtual clock's time). */
    final List<Long> connectTimes = Collections.synchronizedList(new ArrayList<>());
    private final List<String> session = new ArrayList<>();
    /** Sent QoS 1/2 messages not yet acknowledged, in order: ticket and call. */
    private final List<Object[]> inFlight = new ArrayList<>();
    private AckListener ackListener;
    private long tickets;
    private boolean noPipelining;
    private boolean connected;
    private IOException connectAlways;
    private boolean sessionPresentByDefault = true;
    private boolean noClientId;
    private VirtualTimeSource clock;
    /** Calls that throw, once, as a callback throwing inside them would (the link stays up). */
    private final java.util.Map<String, RuntimeException> callbackThrows = new java.util.HashMap<>();
    private Duration connectTakes = Duration.ZERO;
    private Duration operationTakes = Duration.ZERO;
    volatile boolean closed;

    FakeClient(String name) {
        this(name, new ArrayList<>());
    }

    /** A fake that records its calls in a journal shared with other fakes (one order for all). */
    FakeClient(String name, List<String> journal) {
        this.name = name;
        this.calls = Collections.synchronizedList(journal);
    }

    /** The next connects fail with these, in order. */
    FakeClient failConnect(IOException... failures) {
        connects.addAll(List.of(failures));
        return this;
    }

    /** Every connect (after the scripted ones) fails with this. */
    FakeClient failConnectAlways(IOException failure) {
        connectAlways = failure;
        return this;
    }

    /** The next connect answers with this session-present flag. */
    FakeClient answerConnect(boolean sessionPresent) {
        connects.add(sessionPresent);
        return this;
    }

    /** Connects after the scripted ones answer with this session-present flag. */
    FakeClient sessionPresentByDefault(boolean present) {
        sessionPresentByDefault = present;
        return this;
    }

    /** Behaves like a client without a client id: connect(false) is misuse. */
    FakeClient withoutClientId() {
        noClientId = true;
        return this;
    }

    /** The next operations fail with these, in order (null: that one succeeds). */
    FakeClient failOperations(IOException... failures) {
        operations.addAll(java.util.Arrays.asList(failures));
        return this;
    }

    /** The next call {@code call} (e.g. "subscribe(b,1)") throws {@code e}, as if the callback threw inside it. */
    FakeClient callbackThrowsIn(String call, RuntimeException e) {
        callbackThrows.put(call, e);
        return this;
    }

    /** Behaves like a client without send: send and setAckListener throw UnsupportedOperationException. */
    FakeClient withoutPipelining() {
        noPipelining = true;
        return this;
    }

    /** Records connect times on this virtual clock, and lets the durations below pass on it. */
    FakeClient clock(VirtualTimeSource clock) {
        this.clock = clock;
        return this;
    }

    /** Every connect takes this long on the virtual clock, before its outcome. */
    FakeClient connectsTake(Duration d) {
        connectTakes = d;
        return this;
    }

    /** Every operation takes this long on the virtual clock, before its outcome. */
    FakeClient operationsTake(Duration d) {
        operationTakes = d;
        return this;
    }

    private long now() {
        return clock == null ? System.nanoTime() : clock.nanoTime();
    }

    private void take(Duration d) {
        if (clock != null) {
            clock.advance(d);
        }
    }

    int count(String call) {
        synchronized (calls) {
            return (int) calls.stream().filter(c -> c.equals(name + " " + call)).count();
        }
    }

    private void record(String call) {
        calls.add(name + " " + call);
    }

    @Override
    public boolean connect(boolean cleanSession) throws IOException {
        record("connect(" + cleanSession + ")");
        connectTimes.add(now());
        take(connectTakes);
        if (connected) {
            throw new IllegalStateException("already connected");
        }
        if (noClientId && !cleanSession) {
            throw new IllegalArgumentException("an empty client id needs a clean session");
        }
        Object next = connects.poll();
        if (next == null && connectAlways != null) {
            next = connectAlways;
        }
        if (next instanceof IOException e) {
            throw e;
        }
        connected = true;
        boolean present = !cleanSession && (next == null ? sessionPresentByDefault : (Boolean) next);
        if (cleanSession) {
            session.clear();
            List<Object[]> discarded = new ArrayList<>(inFlight);
            inFlight.clear();
            for (Object[] sent : discarded) {
                ackListener.completed((Long) sent[0], new IOException("discarded unacknowledged: connect(true)"));
            }
        }
        for (String pending : session) {
            record("complete " + pending);
        }
        session.clear();
        for (Object[] sent : List.copyOf(inFlight)) {
            record("complete " + sent[1]);
        }
        ackAll();
        return present;
    }

    @Override
    public boolean connect(boolean cleanSession, Duration timeout) throws IOException {
        return connect(cleanSession);
    }

    @Override
    public void disconnect() {
        record("disconnect");
        connected = false;
    }

    private void operation(String call) throws IOException {
        record(call);
        if (!connected) {
            throw new IllegalStateException("not connected: call connect() first");
        }
        take(operationTakes);
        RuntimeException thrown = callbackThrows.remove(call);
        if (thrown != null) {
            throw thrown;
        }
        IOException e = operations.poll();
        if (e != null) {
            if (!(e instanceof MqttException m && m.code() == MqttException.SUBSCRIPTION_REFUSED)) {
                connected = false;
            }
            throw e;
        }
    }

    @Override
    public void ping() throws IOException {
        operation("ping");
    }

    @Override
    public void publish(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        String call = "publish(" + new String(topic, StandardCharsets.UTF_8) + "," + qos + ")";
        try {
            operation(call);
        } catch (IOException e) {
            if (qos > 0) {
                session.add(call);
            }
            throw e;
        }
    }

    @Override
    public long send(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        String call = "send(" + new String(topic, StandardCharsets.UTF_8) + ":"
                + new String(msg, StandardCharsets.UTF_8) + "," + qos + ")";
        if (!connected) {
            record(call);
            throw new IllegalStateException("not connected: call connect() first");
        }
        long ticket = ++tickets;
        if (qos > 0) {
            inFlight.add(new Object[] {ticket, call});
        }
        operation(call);
        return ticket;
    }

    @Override
    public void setAckListener(AckListener listener) {
        if (noPipelining) {
            throw new UnsupportedOperationException("no send");
        }
        ackListener = listener;
    }

    /** Acknowledges every message in flight, in order. */
    void ackAll() {
        List<Object[]> acked = new ArrayList<>(inFlight);
        inFlight.clear();
        for (Object[] sent : acked) {
            ackListener.completed((Long) sent[0], null);
        }
    }

    /** The broker breaks the exchange of the oldest message in flight (answers it wrongly). */
    void breakOldest(IOException why) {
        Object[] sent = inFlight.remove(0);
        ackListener.completed((Long) sent[0], why);
    }

    @Override
    public boolean flush(Duration timeout) throws IOException {
        operation("flush");
        ackAll();
        return true;
    }

    @Override
    public int inFlight() {
        return inFlight.size();
    }

    @Override
    public int subscribe(byte[] topic, int qos) throws IOException {
        operation("subscribe(" + new String(topic, StandardCharsets.UTF_8) + "," + qos + ")");
        return qos;
    }

    @Override
    public void unsubscribe(byte[] topic) throws IOException {
        operation("unsubscribe(" + new String(topic, StandardCharsets.UTF_8) + ")");
    }

    @Override
    public void setCallback(MessageCallback callback) {
        record("setCallback");
    }

    @Override
    public void setLastWill(byte[] topic, byte[] msg, boolean retain, int qos) {
        record("setLastWill");
    }

    @Override
    public void waitMsg() throws IOException {
        operation("waitMsg");
    }

    @Override
    public boolean checkMsg() throws IOException {
        operation("checkMsg");
        return true;
    }

    @Override
    public void close() {
        record("close");
        closed = true;
        connected = false;
    }
}
