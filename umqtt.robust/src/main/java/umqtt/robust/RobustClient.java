package umqtt.robust;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import umqtt.api.MessageCallback;
import umqtt.api.MqttClient;
import umqtt.api.MqttException;
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
 * <p><b>Retrying.</b> When an operation (connect included: a broker down at start is waited for)
 * fails with a network {@link IOException}, the client reconnects with {@code cleanSession=false}
 * and runs it again, until it succeeds or the policy is used up; then the last error is thrown.
 * By default there is no limit, like the original; {@link Builder#maxAttempts(int)} and
 * {@link Builder#deadline(Duration)} set one per operation. Failed attempts are logged through
 * the {@link System.Logger} {@code umqtt.robust}.
 *
 * <p><b>Backoff.</b> Before each attempt after a failure the client waits for the
 * {@link BackoffStrategy}, asked with the number of failures in a row (by default uniform between
 * zero and {@value #DEFAULT_INITIAL_DELAY_MILLIS} ms doubled per failure, capped at
 * {@value #DEFAULT_MAX_DELAY_SECONDS} s). The row ends only with a link that proved itself by
 * staying up {@value #STABLE_MILLIS} ms and ten times as long as its connect took, whichever is
 * longer: its failure is reconnected at once and the backoff starts over. A completed operation
 * proves nothing, so links a broker drops soon after each connect (two clients sharing one client
 * id) back off further and further instead of reconnecting in a storm.
 *
 * <p><b>What is not retried.</b> Misuse ({@link IllegalArgumentException},
 * {@link IllegalStateException}), exceptions thrown by the callback and a refused subscription
 * ({@link MqttException#SUBSCRIPTION_REFUSED}) are thrown at once. A refused connection (CONNACK
 * 1, 2, 4, 5) is thrown once {@linkplain Builder#maxRefusals(int) every server} refused; CONNACK 3
 * (server unavailable) is retried like a network failure. A protocol error (malformed packet,
 * protocol error, packet too large) is retried up to {@linkplain Builder#maxProtocolErrors(int) 3
 * times} per operation, except where a message provoked it: <em>a protocol error from a publish,
 * or from a reconnect that re-sent its message, is thrown at once and the message is not published
 * again</em> (a broker that answers a QoS 2 PUBLISH with PUBACK has delivered it already). Nor is a
 * QoS 1/2 message sent on and on to a broker that rejects it by closing the link: once the peer
 * closed or reset the link five times while it was out (timeouts and unreachable servers do not
 * count), the publish throws the last failure. Either way the delegate's session, which still
 * holds the message, is discarded at its next connect (clean, then made persistent again, the
 * subscriptions renewed; messages the broker queued for them meanwhile are lost).
 *
 * <p><b>No loss.</b> A QoS 1 or 2 message whose publish failed stays in the delegate's session
 * (see {@link MqttClient}); the reconnect to that server completes it (re-sent with DUP set when
 * the broker kept the session, published afresh otherwise), so it is not published twice. A QoS 0
 * publish is simply sent again after the reconnect (best effort). After a failover the message is
 * published on the new server too; the first server's delegate completes its copy when it
 * reconnects later, so across servers delivery is at least once. Exactly once for QoS 2 holds
 * wherever the broker kept the session.
 *
 * <p><b>Subscriptions.</b> The client remembers the subscriptions and unsubscriptions made through
 * it, in order. When a reconnect finds no session on the broker, it subscribes again to each before
 * the operation goes on; after a failover, whose session may be stale, it replays the
 * unsubscriptions too. If the callback throws during that renewal, the exception is thrown and the
 * next operation completes the renewal first. {@code connect(true)} forgets them and, by default,
 * makes its new session persistent at once ({@link Builder#persistentSession(boolean)}). Give every
 * delegate a fixed client id: with an empty one the broker keeps no session.
 *
 * <p><b>Failover.</b> A failed connect attempt moves to the next delegate, round robin; after a
 * working link breaks, the first reconnect goes to the same server (which holds the session).
 * {@link #setCallback} and {@link #setLastWill} apply to every delegate.
 *
 * <p><b>Secrets.</b> Log lines and {@link #toString()} name servers by position; a delegate's
 * failure is logged with the user info and query of any URI in it replaced by {@code ***}.
 *
 * <p><b>Threads.</b> One thread at a time, like its delegates; only {@link #close()} may come from
 * any thread, and ends a backoff wait at once. An interrupt also ends a backoff wait, with an
 * {@link java.io.InterruptedIOException}; the flag stays set. Time comes from the
 * {@linkplain Builder#timeSource time source}.
 */
public final class RobustClient implements MqttClient {

    /** The default upper bound of the first backoff pause, in milliseconds. */
    public static final long DEFAULT_INITIAL_DELAY_MILLIS = 100;
    /** The default cap of every backoff pause, in seconds. */
    public static final long DEFAULT_MAX_DELAY_SECONDS = 30;
    /**
     * The least time a link must stay up to prove itself, in milliseconds (and ten times as long as
     * its connect took). Short, so that a subscriber whose link is cut every few hundred
     * milliseconds comes back at once (a burst would otherwise overflow the broker's queue for it).
     */
    public static final long STABLE_MILLIS = 100;

    private final RetryLoop loop;

    private RobustClient(RetryLoop loop) {
        this.loop = loop;
    }

    /**
     * Wraps the delegates with the default policy (unlimited attempts, the default backoff, a
     * connection refusal thrown once every server refused); see {@link Builder#wrap}.
     *
     * @param delegates one client per server, tried in turn; at least one, all distinct
     * @return the robust client, not yet connected
     */
    public static RobustClient wrap(MqttClient... delegates) {
        return builder().wrap(delegates);
    }

    /** @return a builder for the retry policy, with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects the current delegate, retrying within the policy (moving to the next server after
     * each failed attempt). With {@code cleanSession} true the broker's session and the remembered
     * subscriptions are forgotten (see {@link Builder#persistentSession(boolean)}); with false, the
     * subscriptions are renewed if the broker has no session. Later reconnects use
     * {@code cleanSession=false}, or clean sessions for a delegate that cannot resume one (an empty
     * client id), and then a QoS 1/2 message in flight is published again.
     */
    @Override
    public boolean connect(boolean cleanSession) throws IOException {
        return loop.connect(cleanSession, null);
    }

    /** As {@link #connect(boolean)}; every attempt, and every later reconnect, waits at most {@code timeout}. */
    @Override
    public boolean connect(boolean cleanSession, Duration timeout) throws IOException {
        return loop.connect(cleanSession, positive("timeout", timeout, Duration.ZERO));
    }

    /** Sends DISCONNECT through the current delegate if connected; then not connected until {@code connect}. */
    @Override
    public void disconnect() throws IOException {
        loop.disconnect();
    }

    /** Sends PINGREQ, reconnecting first if needed, retrying within the policy. */
    @Override
    public void ping() throws IOException {
        loop.run("ping", Operations.PING);
    }

    /**
     * Publishes, retrying within the policy; a QoS 1 or 2 message is delivered once the method
     * returns (see the class comment for what "once" means across servers, and for the errors
     * after which the message is not published again).
     */
    @Override
    public void publish(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(msg, "msg");
        loop.run("publish", new PublishOperation(loop.servers(), topic, msg, retain, qos));
    }

    /** Subscribes, retrying within the policy, and remembers the filter for later reconnects. */
    @Override
    public int subscribe(byte[] topic, int qos) throws IOException {
        Objects.requireNonNull(topic, "topic");
        return loop.run("subscribe", Operations.subscribe(loop.subscriptions(), topic, qos));
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
        return loop.run("subscribe", Operations.subscribe(loop.subscriptions(), topics, qos));
    }

    /** Unsubscribes, retrying within the policy, and remembers it for later failovers. */
    @Override
    public void unsubscribe(byte[] topic) throws IOException {
        Objects.requireNonNull(topic, "topic");
        loop.run("unsubscribe", Operations.unsubscribe(loop.subscriptions(), topic));
    }

    /** Sets the callback of every delegate. */
    @Override
    public void setCallback(MessageCallback callback) {
        loop.servers().setCallback(Objects.requireNonNull(callback, "callback"));
    }

    /** Sets the last will of every delegate. */
    @Override
    public void setLastWill(byte[] topic, byte[] msg, boolean retain, int qos) {
        loop.servers().setLastWill(topic, msg, retain, qos);
    }

    /** Waits for one packet and handles it, reconnecting and waiting again within the policy. */
    @Override
    public void waitMsg() throws IOException {
        loop.run("waitMsg", Operations.WAIT_MSG);
    }

    /**
     * Handles one packet if one is waiting. Like the original's {@code check_msg(attempts=2)}: a
     * failed check reconnects and checks again, at most {@link Builder#checkMsgAttempts(int)} checks
     * in all; after the last failed one it reconnects (within the policy) and returns false.
     */
    @Override
    public boolean checkMsg() throws IOException {
        return loop.run("checkMsg", Operations.CHECK_MSG, loop.checkMsgAttempts(), false);
    }

    /** Closes every delegate without DISCONNECT and ends a backoff wait, also from another thread; final. */
    @Override
    public void close() {
        loop.close();
    }

    /** Names the state and the server in use, e.g. {@code RobustClient[connected, server 1 of 2]}. */
    @Override
    public String toString() {
        return "RobustClient[" + loop.describe() + "]";
    }

    /** The one positive-value check, of every setting and of a connect timeout. */
    private static <T extends Comparable<T>> T positive(String name, T value, T zero) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(zero) <= 0) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
        return value;
    }

    /** The retry policy of a {@link RobustClient}; every setting has a default; {@link #wrap} builds the client. */
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
         * @param initialDelay the upper bound of the default backoff's first pause (default
         *     {@value RobustClient#DEFAULT_INITIAL_DELAY_MILLIS} ms; ignored with {@link #backoff}); positive
         * @return this builder
         */
        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = positive("initialDelay", initialDelay, Duration.ZERO);
            return this;
        }

        /**
         * @param maxDelay the cap of every pause of the default backoff, at least the initial delay
         *     (default {@value RobustClient#DEFAULT_MAX_DELAY_SECONDS} s; ignored with {@link #backoff})
         * @return this builder
         */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = positive("maxDelay", maxDelay, Duration.ZERO);
            return this;
        }

        /**
         * @param backoff a strategy of your own (the original's {@code delay(i)} hook) instead of the
         *     exponential one of {@link #initialDelay} and {@link #maxDelay}
         * @return this builder
         */
        public Builder backoff(BackoffStrategy backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * @param maxAttempts at most this many attempts per operation, the first included, then the
         *     last error is thrown (default: unlimited, like the original); 1 means never retry
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = positive("maxAttempts", maxAttempts, 0);
            return this;
        }

        /**
         * @param deadline no attempt of an operation starts later than this after its first
         *     failure; then the last error is thrown (default: none); positive
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            this.deadline = positive("deadline", deadline, Duration.ZERO);
            return this;
        }

        /**
         * @param maxRefusals how many connection refusals (CONNACK 1, 2, 4, 5) one operation
         *     tolerates, the last thrown (default: one per server, so each server gets its chance;
         *     raise it to ride out an authentication service that restarts); at least 1
         * @return this builder
         */
        public Builder maxRefusals(int maxRefusals) {
            this.maxRefusals = positive("maxRefusals", maxRefusals, 0);
            return this;
        }

        /**
         * @param maxProtocolErrors how many protocol errors one operation tolerates, reconnecting
         *     after each, the last thrown (default 3; one provoked by a publish's message is never
         *     retried, see the class comment); at least 1
         * @return this builder
         */
        public Builder maxProtocolErrors(int maxProtocolErrors) {
            this.maxProtocolErrors = positive("maxProtocolErrors", maxProtocolErrors, 0);
            return this;
        }

        /**
         * @param checkMsgAttempts how many times one {@link RobustClient#checkMsg()} call checks
         *     (default 2, like the original's {@code check_msg(attempts=2)}); at least 1
         * @return this builder
         */
        public Builder checkMsgAttempts(int checkMsgAttempts) {
            this.checkMsgAttempts = positive("checkMsgAttempts", checkMsgAttempts, 0);
            return this;
        }

        /**
         * What {@code connect(true)} does. With true (the default) it discards the broker's old
         * session and makes the new one persistent (clean CONNECT, DISCONNECT, {@code connect(false)}),
         * so messages for its subscriptions wait at the broker while the link is down: no loss from
         * the first failure on. The session outlives the client; end it with a delegate's
         * {@code connect(true)} and {@code disconnect()}. With false, {@code connect(true)} connects
         * as asked: the broker discards that session when the link first fails, and messages sent
         * until the reconnect renews the subscriptions are lost.
         *
         * @param persistentSession whether connect(true) makes its new session persistent
         * @return this builder
         */
        public Builder persistentSession(boolean persistentSession) {
            this.persistentSession = persistentSession;
            return this;
        }

        /**
         * @param logger where failures and reconnects are logged (the original's
         *     {@code log(in_reconnect, e)}; default {@code System.getLogger("umqtt.robust")}); nothing
         *     logged contains a password, nor the user info or query of a server URI
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
            MqttClient[] checked = Servers.check(delegates);
            BackoffStrategy strategy = backoff != null ? backoff : BackoffStrategy.exponential(initialDelay, maxDelay);
            long deadlineNanos = deadline == null ? 0 : Nanos.saturated(deadline);
            int refusals = maxRefusals > 0 ? maxRefusals : checked.length;
            RetryPolicy policy = new RetryPolicy(strategy, maxAttempts, deadlineNanos, refusals, maxProtocolErrors,
                    checkMsgAttempts, persistentSession, timeSource);
            RobustLog log = new RobustLog(logger, checked.length);
            return new RobustClient(new RetryLoop(new Servers(checked, persistentSession, log), policy, log));
        }
    }
}
