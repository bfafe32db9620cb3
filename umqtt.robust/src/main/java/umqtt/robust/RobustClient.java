package umqtt.robust;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import umqtt.api.MessageCallback;
import umqtt.api.MqttClient;
import umqtt.api.MqttException;
import umqtt.api.internal.ThreadGuard;
import umqtt.api.spi.TimeSource;

/**
 * An {@link MqttClient} that survives link failures: the Java form of umqtt.robust, without its
 * defects. It decorates one client per server (the delegates, e.g. {@code SimpleClient}s with the
 * same client id) and adds no threads: every retry happens on the thread that called.
 *
 * <pre>{@code
 * MqttClient c = RobustClient.wrap(
 *         SimpleClient.builder().clientId("sensor-1").server("mqtt://a.example:1883").build(),
 *         SimpleClient.builder().clientId("sensor-1").server("mqtt://b.example:1883").build());
 * c.setCallback(m -> handle(m));
 * c.connect(false);
 * c.subscribe("cmd/#", 1);
 * while (running) c.waitMsg();   // never loses a subscription or a QoS 1/2 message to a cut link
 * }</pre>
 *
 * <p><b>Retrying.</b> When an operation (connect included: a broker that is down at start is waited
 * for) fails with a network {@link IOException}, the client reconnects with
 * {@code cleanSession=false} and runs the operation again, until it succeeds or the policy is used
 * up; then the last error is thrown. The first reconnect after a connection that was working
 * (an operation completed on it, or it stayed up {@value #STABLE_MILLIS} ms) is immediate; every
 * other attempt waits for the {@link BackoffStrategy} (by default exponential with full jitter
 * from {@value #DEFAULT_INITIAL_DELAY_MILLIS} ms, capped at {@value #DEFAULT_MAX_DELAY_SECONDS} s).
 * By default there is no limit, like the original; {@link Builder#maxAttempts(int)} and
 * {@link Builder#deadline(Duration)} set one per operation. A failed attempt is logged through the
 * {@link System.Logger} named {@code umqtt.robust} (the original's {@code log(in_reconnect, e)}).
 *
 * <p><b>What is not retried.</b> Misuse ({@link IllegalArgumentException},
 * {@link IllegalStateException}) and exceptions thrown by the callback are thrown at once. A
 * refused subscription ({@link MqttException#SUBSCRIPTION_REFUSED}) is thrown at once. A refused
 * connection (CONNACK 1, 2, 4 or 5: bad protocol version, identifier rejected, bad user name or
 * password, not authorized) is thrown once {@linkplain Builder#maxRefusals(int) every server}
 * has refused, by default; CONNACK 3 (server unavailable) is retried like a network failure. A protocol error
 * (malformed packet, protocol error, packet too large: the delegate closed the link) is retried
 * up to {@linkplain Builder#maxProtocolErrors(int) 3 times}.
 *
 * <p><b>No loss.</b> A QoS 1 or 2 message whose publish failed stays in the delegate's session
 * (see {@link MqttClient}); the reconnect to that server completes it (re-sent with DUP set when
 * the broker kept the session, published afresh otherwise), so it is not published twice. A QoS 0
 * publish is simply sent again after the reconnect (best effort). When the reconnect lands on
 * another server (failover), the message is published there; the first server's delegate still
 * completes its copy when it reconnects later, so across servers delivery is at least once.
 * Exactly once for QoS 2 holds wherever the broker kept the session.
 *
 * <p><b>Subscriptions.</b> The client remembers the subscriptions and unsubscriptions made through
 * it, in order. When a reconnect finds no session on the broker, it subscribes again to each (same
 * QoS) before the operation goes on; after a failover to another server, whose session may be
 * stale, it replays the unsubscriptions too. An explicit {@code connect(true)} starts afresh and
 * forgets them; by default it also makes its new session persistent at once, so that messages for
 * the subscriptions wait at the broker while the link is down, from the first failure on (see
 * {@link Builder#persistentSession(boolean)}). Give every delegate a fixed client id: with an empty one the broker keeps no
 * session, so messages sent to the subscriptions while the link is down are lost.
 *
 * <p><b>Failover.</b> A failed connect attempt moves to the next delegate, round robin. After a
 * working connection breaks, the first reconnect goes to the same server (which holds the session).
 * {@link #setCallback} and {@link #setLastWill} apply to every delegate; each delegate keeps its
 * own credentials and will across reconnects.
 *
 * <p><b>Threads.</b> Like its delegates, a RobustClient is used by one thread at a time. The one
 * exception is {@link #close()}, which any thread may call: it ends a backoff wait at once. An
 * interrupt also ends a backoff wait, with an {@link java.io.InterruptedIOException}, and the
 * interrupt flag stays set.
 */
public final class RobustClient implements MqttClient {

    /** The default upper bound of the first backoff pause, in milliseconds. */
    public static final long DEFAULT_INITIAL_DELAY_MILLIS = 100;
    /** The default cap of every backoff pause, in seconds. */
    public static final long DEFAULT_MAX_DELAY_SECONDS = 30;
    /**
     * How long a connection must stay up to count as working, in milliseconds. Short on purpose:
     * a subscriber whose link is cut every few hundred milliseconds while no message comes must
     * not back off for long (a burst would then overflow the broker's queue for it), while a
     * broker that drops every connection at once is still backed off from.
     */
    public static final long STABLE_MILLIS = 100;

    private static final long STABLE_NANOS = STABLE_MILLIS * 1_000_000;

    private enum State { NOT_CONNECTED, CONNECTED, BROKEN }

    @FunctionalInterface
    private interface Operation<T> {
        T run(MqttClient delegate, int index) throws IOException;
    }

    private final MqttClient[] delegates;
    private final RetryPolicy policy;
    /** The configured logger, or null for the default, which is created on first use. */
    private final System.Logger logger;
    private final Subscriptions subscriptions = new Subscriptions();
    private final Pause pause;
    private final ThreadGuard guard = new ThreadGuard("RobustClient");
    /** Per delegate: how many times a clean connect wiped its session (see PublishOperation). */
    private final int[] wipes;
    /** Delegates that cannot resume a session (connect(false) is misuse for them, e.g. an empty client id). */
    private final BitSet cleanOnly = new BitSet();

    private State state = State.NOT_CONNECTED;
    private int current;
    private int lastConnected = -1;
    private boolean renewSubscriptions;
    private boolean renewUnsubscriptions;
    private Duration connectTimeout;
    private long connectedAt;
    private boolean working;
    private int failuresInRow;

    private RobustClient(MqttClient[] delegates, RetryPolicy policy) {
        this.delegates = delegates;
        this.wipes = new int[delegates.length];
        this.policy = policy;
        this.logger = policy.logger();
        this.pause = new Pause(policy.time());
    }

    /**
     * Wraps the delegates with the default policy: unlimited attempts, exponential backoff with
     * full jitter from {@value #DEFAULT_INITIAL_DELAY_MILLIS} ms capped at
     * {@value #DEFAULT_MAX_DELAY_SECONDS} s, a connection refusal thrown once every server refused.
     *
     * @param delegates one client per server, tried in turn; at least one, all distinct
     * @return the robust client, not yet connected
     * @throws IllegalArgumentException when no delegate is given or one is given twice
     */
    public static RobustClient wrap(MqttClient... delegates) {
        return builder().wrap(delegates);
    }

    /**
     * A builder for the retry policy.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects the current delegate as asked, retrying within the policy (moving to the next
     * server after each failed attempt). With {@code cleanSession} true the broker's old session
     * and the remembered subscriptions are forgotten, and by default the new session is made
     * persistent at once (see {@link Builder#persistentSession(boolean)}); with false, the
     * remembered subscriptions are renewed if the broker has no session. Later reconnects use
     * {@code cleanSession=false}; a delegate that cannot resume a session (an empty client id:
     * its {@code connect(false)} throws {@link IllegalArgumentException}) reconnects with clean
     * sessions instead, and a QoS 1/2 message in flight is then published again.
     */
    @Override
    public boolean connect(boolean cleanSession) throws IOException {
        return connectAsked(cleanSession, null);
    }

    /**
     * As {@link #connect(boolean)}; every attempt, and every later reconnect, waits at most
     * {@code timeout}.
     */
    @Override
    public boolean connect(boolean cleanSession, Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        return connectAsked(cleanSession, timeout);
    }

    private boolean connectAsked(boolean cleanSession, Duration timeout) throws IOException {
        guard.enter();
        try {
            return connectGuarded(cleanSession, timeout);
        } finally {
            guard.exit();
        }
    }

    private boolean connectGuarded(boolean cleanSession, Duration timeout) throws IOException {
        requireOpen();
        if (state == State.CONNECTED) {
            throw new IllegalStateException("already connected: call disconnect() first");
        }
        connectTimeout = timeout;
        if (cleanSession) {
            subscriptions.clear();
            renewSubscriptions = false;
            renewUnsubscriptions = false;
        }
        State was = state;
        state = State.BROKEN;
        Attempts attempts = policy.start();
        while (true) {
            IOException failure;
            try {
                return connectCurrent(cleanSession, false);
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                state = was;
                throw closedOr(e);
            }
            try {
                afterFailure("connect", attempts, failure, true);
            } catch (IOException | RuntimeException e) {
                state = State.NOT_CONNECTED;
                throw e;
            }
        }
    }

    /**
     * Sends DISCONNECT through the current delegate, if connected; the client is then not
     * connected until the next {@code connect}. When the link is already down nothing is sent.
     */
    @Override
    public void disconnect() throws IOException {
        guard.enter();
        try {
            requireOpen();
            State was = state;
            state = State.NOT_CONNECTED;
            if (was == State.CONNECTED) {
                delegates[current].disconnect();
            }
        } finally {
            guard.exit();
        }
    }

    /** Sends PINGREQ, reconnecting first if needed, retrying within the policy. */
    @Override
    public void ping() throws IOException {
        retry("ping", (d, i) -> {
            d.ping();
            return null;
        });
    }

    /**
     * Publishes, retrying within the policy; a QoS 1 or 2 message is delivered once the method
     * returns (see the class comment for what "once" means across servers).
     */
    @Override
    public void publish(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(msg, "msg");
        retry("publish", new PublishOperation(topic, msg, retain, qos));
    }

    /**
     * A publish that knows which delegates' sessions hold its message: a QoS 1/2 publish that
     * failed stays in the delegate's session, and the next connect(false) of that delegate
     * completes it, so running it again there would send it twice. A clean connect in between
     * wipes that session: then it must be published again.
     */
    private final class PublishOperation implements Operation<Void> {
        private final byte[] topic;
        private final byte[] msg;
        private final boolean retain;
        private final int qos;
        /** Per delegate, the wipe count when the message was left in its session; null until a failure. */
        private int[] heldSince;

        PublishOperation(byte[] topic, byte[] msg, boolean retain, int qos) {
            this.topic = topic;
            this.msg = msg;
            this.retain = retain;
            this.qos = qos;
        }

        @Override
        public Void run(MqttClient delegate, int index) throws IOException {
            if (heldSince != null && heldSince[index] == wipes[index]) {
                return null; // the reconnect to this server just completed it
            }
            try {
                delegate.publish(topic, msg, retain, qos);
            } catch (IOException e) {
                if (qos > 0) {
                    if (heldSince == null) {
                        heldSince = new int[delegates.length];
                        Arrays.fill(heldSince, -1);
                    }
                    heldSince[index] = wipes[index];
                }
                throw e;
            }
            return null;
        }
    }

    /** Subscribes, retrying within the policy, and remembers the filter for later reconnects. */
    @Override
    public int subscribe(byte[] topic, int qos) throws IOException {
        Objects.requireNonNull(topic, "topic");
        return retry("subscribe", (d, i) -> {
            int granted = d.subscribe(topic, qos);
            subscriptions.subscribed(topic, qos);
            return granted;
        });
    }

    /**
     * Subscribes to several filters through the delegate (in one SUBSCRIBE with
     * {@code SimpleClient}), retrying within the policy, and remembers every filter the broker
     * granted for later reconnects.
     */
    @Override
    public int[] subscribe(byte[][] topics, int[] qos) throws IOException {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(qos, "qos");
        return retry("subscribe", (d, i) -> {
            int[] granted = d.subscribe(topics, qos);
            for (int k = 0; k < topics.length; k++) {
                if (granted[k] != MqttException.SUBSCRIPTION_REFUSED) {
                    subscriptions.subscribed(topics[k], qos[k]);
                }
            }
            return granted;
        });
    }

    /** Unsubscribes, retrying within the policy, and remembers it for later failovers. */
    @Override
    public void unsubscribe(byte[] topic) throws IOException {
        Objects.requireNonNull(topic, "topic");
        retry("unsubscribe", (d, i) -> {
            d.unsubscribe(topic);
            subscriptions.unsubscribed(topic);
            return null;
        });
    }

    /** Sets the callback of every delegate. */
    @Override
    public void setCallback(MessageCallback callback) {
        Objects.requireNonNull(callback, "callback");
        for (MqttClient d : delegates) {
            d.setCallback(callback);
        }
    }

    /** Sets the last will of every delegate. */
    @Override
    public void setLastWill(byte[] topic, byte[] msg, boolean retain, int qos) {
        for (MqttClient d : delegates) {
            d.setLastWill(topic, msg, retain, qos);
        }
    }

    /** Waits for one packet and handles it, reconnecting and waiting again within the policy. */
    @Override
    public void waitMsg() throws IOException {
        retry("waitMsg", (d, i) -> {
            d.waitMsg();
            return null;
        });
    }

    /**
     * Handles one packet if one is waiting. Like the original's {@code check_msg(attempts=2)}: a
     * failed check reconnects and checks again, at most {@link Builder#checkMsgAttempts(int)} checks
     * in all; after the last failed one it reconnects (within the policy) and returns false.
     */
    @Override
    public boolean checkMsg() throws IOException {
        return retry("checkMsg", (d, i) -> d.checkMsg(), policy.checkMsgAttempts(), false);
    }

    /**
     * Closes every delegate without DISCONNECT and ends a backoff wait in progress, also when
     * called from another thread. The client cannot be used afterwards.
     */
    @Override
    public void close() {
        pause.close();
        for (MqttClient d : delegates) {
            try {
                d.close();
            } catch (RuntimeException e) {
                logger().log(Level.WARNING, "closing a delegate failed", e);
            }
        }
    }

    private <T> T retry(String name, Operation<T> op) throws IOException {
        return retry(name, op, Integer.MAX_VALUE, null);
    }

    private <T> T retry(String name, Operation<T> op, int maxRuns, T exhausted) throws IOException {
        guard.enter();
        try {
            return retryGuarded(name, op, maxRuns, exhausted);
        } finally {
            guard.exit();
        }
    }

    private <T> T retryGuarded(String name, Operation<T> op, int maxRuns, T exhausted) throws IOException {
        requireOpen();
        if (state == State.NOT_CONNECTED) {
            throw new IllegalStateException("not connected: call connect() first");
        }
        Attempts attempts = null;
        int runs = 0;
        while (true) {
            IOException failure;
            boolean connecting = state == State.BROKEN;
            try {
                if (connecting) {
                    connectCurrent(false, true);
                    connecting = false;
                }
                if (runs == maxRuns) {
                    return exhausted;
                }
                runs++;
                T result = op.run(delegates[current], current);
                working = true;
                failuresInRow = 0;
                return result;
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException e) {
                throw closedOr(e);
            }
            if (attempts == null) {
                attempts = policy.start();
            }
            afterFailure(name, attempts, failure, connecting);
        }
    }

    /**
     * One connect attempt on the current delegate, then the renewal of subscriptions it needs.
     *
     * @param reconnect true for the reconnects of an operation (with cleanSession false): a
     *     delegate that cannot resume a session is then connected with a clean one instead
     */
    private boolean connectCurrent(boolean cleanSession, boolean reconnect) throws IOException {
        int index = current;
        MqttClient d = delegates[index];
        boolean present = connectDelegate(index, cleanSession, reconnect);
        state = State.CONNECTED;
        connectedAt = policy.time().nanoTime();
        working = false;
        if (lastConnected >= 0 && lastConnected != index) {
            renewSubscriptions = true;
            renewUnsubscriptions = true;
        }
        if (!present) {
            renewSubscriptions = true;
        }
        lastConnected = index;
        if (renewSubscriptions && !subscriptions.isEmpty()) {
            int sent = subscriptions.replay(d, renewUnsubscriptions && present, logger());
            logger().log(Level.INFO, () -> "renewed " + sent + " subscription(s) on server " + (index + 1)
                    + " (session present: " + present + ")");
        }
        renewSubscriptions = false;
        renewUnsubscriptions = false;
        Level level = reconnect ? Level.INFO : Level.DEBUG;
        // The first connect's DEBUG line goes only to a configured logger: asking the default one
        // would create it, ~30 ms of every cold start, for a line that is almost never shown.
        if ((reconnect || logger != null) && logger().isLoggable(level)) {
            logger().log(level, (reconnect ? "reconnected" : "connected") + " to server " + (index + 1) + " of "
                    + delegates.length + ", session present: " + present);
        }
        return present;
    }

    /** Connects one delegate, falling back to clean sessions for a delegate that cannot resume one. */
    private boolean connectDelegate(int index, boolean cleanSession, boolean reconnect) throws IOException {
        MqttClient d = delegates[index];
        boolean mayFallBack = reconnect;
        if (cleanSession || cleanOnly.get(index)) {
            boolean present = connect(d, true);
            wipes[index]++;
            if (!cleanSession || !policy.persistentSession() || cleanOnly.get(index)) {
                return present;
            }
            // MQTT 3.1.1 discards a clean session when its connection ends, and with it the
            // messages for its subscriptions sent while the link is down: make the new, empty
            // session persistent at once, so that the first link failure loses nothing either.
            d.disconnect();
            mayFallBack = true;
        }
        try {
            // After a clean connect the answer is "no session", whatever a broker says about one
            // another connection with this id may have made meanwhile.
            return connect(d, false) && !cleanSession;
        } catch (IllegalArgumentException e) {
            if (!mayFallBack) {
                throw e;
            }
            // E.g. an empty client id: the broker assigns a new one per connection, so no session
            // can be resumed. Reconnect with clean sessions; a publish in flight is sent again.
            logger().log(Level.WARNING, () -> "server " + (index + 1) + "'s client cannot resume a session ("
                    + e.getMessage() + "); reconnecting it with clean sessions from now on: a message in flight "
                    + "is published again and may arrive twice");
            cleanOnly.set(index);
            return connectDelegate(index, true, true);
        }
    }

    private boolean connect(MqttClient d, boolean clean) throws IOException {
        return connectTimeout == null ? d.connect(clean) : d.connect(clean, connectTimeout);
    }

    /**
     * Decides what a failure means: throws it when it must not or may no longer be retried,
     * otherwise moves to the next server if the failure was a connect attempt, logs, and waits
     * for the backoff.
     */
    private void afterFailure(String name, Attempts attempts, IOException failure, boolean connecting)
            throws IOException {
        Failure kind = Failure.of(failure);
        if (kind == Failure.FINAL) {
            throw failure;
        }
        boolean brokeWorkingLink = !connecting && state == State.CONNECTED
                && (working || policy.time().nanoTime() - connectedAt >= STABLE_NANOS);
        state = State.BROKEN;
        if (pause.isClosed()) {
            IOException closed = Pause.closedException();
            closed.addSuppressed(failure);
            throw closed;
        }
        failuresInRow = brokeWorkingLink ? 0 : failuresInRow + 1;
        long delay = failuresInRow == 0 ? 0 : pauseNanos(failuresInRow);
        String stop = attempts.count(kind, delay);
        int failedOn = current;
        if (connecting) {
            // Also when giving up: the next connect starts with the next server.
            current = (current + 1) % delegates.length;
        }
        if (stop != null) {
            logger().log(Level.WARNING, () -> name + " gave up on server " + (failedOn + 1) + " of " + delegates.length
                    + " after " + stop + ": " + failure);
            throw failure;
        }
        int next = current;
        // The first failure is news; the attempts that follow are its story.
        logger().log(attempts.failures() == 1 ? Level.WARNING : Level.INFO, () -> name + " failed on server "
                + (failedOn + 1) + " of " + delegates.length
                + " (attempt " + attempts.failures() + "): " + failure + "; reconnecting to server " + (next + 1)
                + " in " + delay / 1_000_000 + " ms");
        pause.sleep(delay);
    }

    /**
     * A delegate closed by {@link #close()} from another thread throws IllegalStateException: the
     * caller should see that the client was closed, as an IOException like any other end of I/O.
     */
    private RuntimeException closedOr(RuntimeException e) throws IOException {
        if (pause.isClosed()) {
            IOException closed = Pause.closedException();
            closed.initCause(e);
            throw closed;
        }
        return e;
    }

    /** Names the state and the server in use, e.g. {@code RobustClient[connected, server 1 of 2]}. */
    /** The logger; the default is made on first use, since System.getLogger costs ~30 ms in a cold JVM. */
    private System.Logger logger() {
        return logger != null ? logger : DefaultLog.LOGGER;
    }

    /** Holds the default logger, created when first needed. */
    private static final class DefaultLog {
        static final System.Logger LOGGER = System.getLogger("umqtt.robust");
    }

    @Override
    public String toString() {
        String s = pause.isClosed() ? "closed" : switch (state) {
            case NOT_CONNECTED -> "not connected";
            case CONNECTED -> "connected";
            case BROKEN -> "reconnecting";
        };
        return "RobustClient[" + s + ", server " + (current + 1) + " of " + delegates.length + "]";
    }

    private long pauseNanos(int attempt) {
        Duration d = Objects.requireNonNull(policy.backoff().delay(attempt),
                () -> "the backoff strategy returned null for attempt " + attempt);
        return d.isNegative() ? 0 : RetryPolicy.nanos(d);
    }

    private void requireOpen() {
        if (pause.isClosed()) {
            throw new IllegalStateException("the RobustClient is closed: create a new one to connect again");
        }
    }

    /**
     * The retry policy of a {@link RobustClient}. Every setting has a default; {@link #wrap} builds
     * the client.
     */
    public static final class Builder {

        private Duration initialDelay = Duration.ofMillis(DEFAULT_INITIAL_DELAY_MILLIS);
        private Duration maxDelay = Duration.ofSeconds(DEFAULT_MAX_DELAY_SECONDS);
        private BackoffStrategy backoff;
        private int maxAttempts;
        private Duration deadline;
        private int maxRefusals;
        private int maxProtocolErrors = 3;
        private int checkMsgAttempts = 2;
        private boolean persistentSession = true;
        private System.Logger logger;
        private TimeSource timeSource = TimeSource.system();

        private Builder() {
        }

        /**
         * The upper bound of the first pause of the default exponential backoff (default
         * {@value RobustClient#DEFAULT_INITIAL_DELAY_MILLIS} ms). Ignored when {@link #backoff} is set.
         *
         * @param initialDelay positive
         * @return this builder
         */
        public Builder initialDelay(Duration initialDelay) {
            Objects.requireNonNull(initialDelay, "initialDelay");
            if (initialDelay.isNegative() || initialDelay.isZero()) {
                throw new IllegalArgumentException("initialDelay must be positive but was " + initialDelay);
            }
            this.initialDelay = initialDelay;
            return this;
        }

        /**
         * The cap of every pause of the default exponential backoff (default
         * {@value RobustClient#DEFAULT_MAX_DELAY_SECONDS} s). Ignored when {@link #backoff} is set.
         *
         * @param maxDelay positive, at least the initial delay
         * @return this builder
         */
        public Builder maxDelay(Duration maxDelay) {
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (maxDelay.isNegative() || maxDelay.isZero()) {
                throw new IllegalArgumentException("maxDelay must be positive but was " + maxDelay);
            }
            this.maxDelay = maxDelay;
            return this;
        }

        /**
         * A backoff strategy of your own (the original's {@code delay(i)} hook), instead of the
         * exponential one set by {@link #initialDelay} and {@link #maxDelay}.
         *
         * @param backoff the strategy
         * @return this builder
         */
        public Builder backoff(BackoffStrategy backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * At most this many attempts per operation (counting the first); the last error is thrown
         * after them. Default: unlimited, like the original.
         *
         * @param maxAttempts at least 1 (1 means: never retry)
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * No attempt of an operation starts later than this after its first failure; then the
         * last error is thrown. Default: none.
         *
         * @param deadline positive
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive but was " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        /**
         * How many connection refusals that retrying rarely fixes (CONNACK 1, 2, 4, 5) one
         * operation tolerates: the last is thrown. Default: one per server, so with one server a
         * refusal is thrown at once, and with several each gets its chance before the refusal
         * is thrown. Raise it to ride out an authentication service that restarts.
         *
         * @param maxRefusals at least 1
         * @return this builder
         */
        public Builder maxRefusals(int maxRefusals) {
            if (maxRefusals < 1) {
                throw new IllegalArgumentException("maxRefusals must be at least 1 but was " + maxRefusals);
            }
            this.maxRefusals = maxRefusals;
            return this;
        }

        /**
         * How many protocol errors (malformed packet, protocol error, packet too large) one
         * operation tolerates, reconnecting after each: the last is thrown. Default 3.
         *
         * @param maxProtocolErrors at least 1
         * @return this builder
         */
        public Builder maxProtocolErrors(int maxProtocolErrors) {
            if (maxProtocolErrors < 1) {
                throw new IllegalArgumentException("maxProtocolErrors must be at least 1 but was " + maxProtocolErrors);
            }
            this.maxProtocolErrors = maxProtocolErrors;
            return this;
        }

        /**
         * How many times one {@link RobustClient#checkMsg()} call checks (default 2, like the
         * original's {@code check_msg(attempts=2)}).
         *
         * @param checkMsgAttempts at least 1
         * @return this builder
         */
        public Builder checkMsgAttempts(int checkMsgAttempts) {
            if (checkMsgAttempts < 1) {
                throw new IllegalArgumentException("checkMsgAttempts must be at least 1 but was " + checkMsgAttempts);
            }
            this.checkMsgAttempts = checkMsgAttempts;
            return this;
        }

        /**
         * What {@code connect(true)} does. With true (the default) it discards the broker's old
         * session and then makes the new one persistent (a clean CONNECT, DISCONNECT, then
         * {@code connect(false)}), so that messages for its subscriptions that arrive while the
         * link is down wait at the broker: no loss from the first link failure on. The session
         * then outlives the client like any persistent session; end it with a delegate's
         * {@code connect(true)} and {@code disconnect()} if the broker should forget it. With
         * false, {@code connect(true)} connects exactly as asked; the broker discards that session
         * when the link first fails, the reconnect renews the subscriptions, and messages sent
         * in between are lost.
         *
         * @param persistentSession whether connect(true) makes its new session persistent
         * @return this builder
         */
        public Builder persistentSession(boolean persistentSession) {
            this.persistentSession = persistentSession;
            return this;
        }

        /**
         * Where failures and reconnects are logged (the original's {@code log(in_reconnect, e)});
         * default {@code System.getLogger("umqtt.robust")}. Nothing logged contains a password.
         *
         * @param logger the logger
         * @return this builder
         */
        public Builder logger(System.Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /**
         * Where the client takes "now" from and how it waits between attempts (default
         * {@link TimeSource#system()}): every backoff pause, deadline and stability check is
         * measured on it. A test passes a virtual source to observe the backoff to the nanosecond
         * without sleeping; {@link RobustClient#close()} still ends a wait at once.
         *
         * @param timeSource the time source
         * @return this builder
         */
        public Builder timeSource(TimeSource timeSource) {
            this.timeSource = Objects.requireNonNull(timeSource, "timeSource");
            return this;
        }

        /**
         * Builds the client around the delegates.
         *
         * @param delegates one client per server, tried in this order; at least one, all distinct
         * @return the robust client, not yet connected
         * @throws IllegalArgumentException when no delegate is given, one is given twice, or the
         *     initial delay is above the max delay
         */
        public RobustClient wrap(MqttClient... delegates) {
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
            BackoffStrategy strategy = backoff != null ? backoff : BackoffStrategy.exponential(initialDelay, maxDelay);
            long deadlineNanos = deadline == null ? 0 : RetryPolicy.nanos(deadline);
            int refusals = maxRefusals > 0 ? maxRefusals : delegates.length;
            return new RobustClient(delegates.clone(),
                    new RetryPolicy(strategy, maxAttempts, deadlineNanos, refusals, maxProtocolErrors,
                            checkMsgAttempts, persistentSession, logger, timeSource));
        }
    }
}
