package umqtt.robust;

import java.io.IOException;
import java.time.Duration;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import umqtt.api.MessageCallback;
import umqtt.api.MqttClient;

/**
 * The servers and what their delegates' sessions hold: which delegate is current, failover
 * (round robin), and how each is connected. A delegate's session holds the QoS 1/2 messages
 * whose publish failed on it, and its next {@code connect(false)} sends them again; so this class
 * counts the clean connects that wiped each delegate's session ({@link #wipes}), remembers the
 * delegates that cannot resume a session at all (an empty client id), and the ones whose session
 * must be wiped at their next connect because it holds a message that must not be sent again.
 */
final class Servers {

    private final MqttClient[] delegates;
    private final boolean persistentSession;
    private final RobustLog log;
    /** Per delegate: how many times a clean connect wiped its session. */
    private final int[] wipes;
    /** Delegates that cannot resume a session (connect(false) is misuse for them). */
    private final BitSet cleanOnly = new BitSet();
    /** Delegates whose next connect must discard their session. */
    private final BitSet startClean = new BitSet();
    private int current;
    private int lastConnected = -1;
    private boolean switched;

    /**
     * @param delegates checked by {@link #check}
     * @param persistentSession whether connect(true) makes its new session persistent at once
     */
    Servers(MqttClient[] delegates, boolean persistentSession, RobustLog log) {
        this.delegates = delegates.clone();
        this.persistentSession = persistentSession;
        this.log = log;
        this.wipes = new int[delegates.length];
    }

    /**
     * Checks the delegates a client is built around.
     *
     * @throws IllegalArgumentException when there is none, one is given twice, or one is a RobustClient
     */
    static MqttClient[] check(MqttClient... delegates) {
        Objects.requireNonNull(delegates, "delegates");
        if (delegates.length == 0) {
            throw new IllegalArgumentException("give at least one delegate client (one per server)");
        }
        Map<MqttClient, Boolean> seen = new IdentityHashMap<>();
        for (MqttClient d : delegates) {
            Objects.requireNonNull(d, "a delegate is null");
            if (d instanceof RobustClient) {
                throw new IllegalArgumentException("a delegate is itself a RobustClient: wrap the plain clients");
            }
            if (seen.put(d, Boolean.TRUE) != null) {
                throw new IllegalArgumentException("the same delegate is given twice: give one client per server");
            }
        }
        return delegates;
    }

    int count() {
        return delegates.length;
    }

    int current() {
        return current;
    }

    MqttClient client() {
        return delegates[current];
    }

    MqttClient client(int index) {
        return delegates[index];
    }

    /** Moves to the next server, round robin. */
    void failover() {
        current = (current + 1) % delegates.length;
    }

    /** How many clean connects wiped delegate {@code index}'s session so far. */
    int wipes(int index) {
        return wipes[index];
    }

    /** Makes delegate {@code index}'s next connect discard its session (and the message in it). */
    void startCleanNext(int index) {
        if (!startClean.get(index)) {
            startClean.set(index);
            log.startsClean(index);
        }
    }

    /** Whether the last {@link #connect} went to another server than the one before it. */
    boolean switched() {
        return switched;
    }

    /**
     * Connects the current delegate.
     *
     * @param reconnect true for the reconnects of an operation (cleanSession false): a delegate
     *     that cannot resume a session is then connected with a clean one instead
     * @param timeout the connect timeout, or null for the delegate's default
     * @return the broker's session-present flag (false after any clean connect)
     */
    boolean connect(boolean cleanSession, boolean reconnect, Duration timeout) throws IOException {
        int index = current;
        boolean present = connect(index, cleanSession, reconnect, timeout);
        switched = lastConnected >= 0 && lastConnected != index;
        lastConnected = index;
        return present;
    }

    private boolean connect(int index, boolean cleanSession, boolean reconnect, Duration timeout) throws IOException {
        MqttClient d = delegates[index];
        boolean mayFallBack = reconnect;
        boolean cleaned = false;
        if (cleanSession || cleanOnly.get(index) || startClean.get(index)) {
            boolean present = connect(d, true, timeout);
            wipes[index]++;
            startClean.clear(index);
            boolean persist = cleanSession ? persistentSession : !cleanOnly.get(index);
            if (cleanOnly.get(index) || !persist) {
                return present;
            }
            // MQTT 3.1.1 discards a clean session when its connection ends, and with it the
            // messages for its subscriptions sent while the link is down: make the new, empty
            // session persistent at once, so that the first link failure loses nothing either.
            d.disconnect();
            cleaned = true;
            mayFallBack = true;
        }
        try {
            // After a clean connect the answer is "no session", whatever a broker says about one
            // another connection with this id may have made meanwhile.
            return connect(d, false, timeout) && !cleaned;
        } catch (IllegalArgumentException e) {
            if (!mayFallBack) {
                throw e;
            }
            // E.g. an empty client id: the broker assigns a new one per connection, so no session
            // can be resumed. Reconnect with clean sessions; a publish in flight is sent again.
            log.cannotResume(index, e);
            cleanOnly.set(index);
            return connect(index, true, true, timeout);
        }
    }

    private static boolean connect(MqttClient d, boolean clean, Duration timeout) throws IOException {
        return timeout == null ? d.connect(clean) : d.connect(clean, timeout);
    }

    void setCallback(MessageCallback callback) {
        for (MqttClient d : delegates) {
            d.setCallback(callback);
        }
    }

    void setLastWill(byte[] topic, byte[] msg, boolean retain, int qos) {
        for (MqttClient d : delegates) {
            d.setLastWill(topic, msg, retain, qos);
        }
    }

    /** Closes every delegate without DISCONNECT. */
    void closeAll() {
        for (int i = 0; i < delegates.length; i++) {
            try {
                delegates[i].close();
            } catch (RuntimeException e) {
                log.closeFailed(i, e);
            }
        }
    }
}
