package umqtt.robust;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import umqtt.api.AckListener;
import umqtt.api.MessageCallback;
import umqtt.api.MqttClient;
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
 * <p><b>Failover.</b> A failed connect attempt moves to the next delegate, round robin; after a
 * working link breaks, the first reconnect goes to the same server (which holds the session).
 * {@link #setCallback} and {@link #setLastWill} apply to every delegate.
 *
 * <p>{@link #send} never waits out an outage: it buffers the message and returns. The rest of the
 * rules are in the {@linkplain umqtt.robust package comment}: what is not retried, no loss,
 * subscriptions, sending through outages with the offline buffer, secrets, threads.
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
    /** The default bound of the offline buffer, in messages. */
    public static final int DEFAULT_MAX_BUFFERED_MESSAGES = 10_000;
    /** The default bound of the offline buffer, in bytes of topic and payload: 16 MiB. */
    public static final long DEFAULT_MAX_BUFFERED_BYTES = 16L << 20;

    private final RetryLoop loop;
    private final Sending sending;

    private RobustClient(RetryLoop loop, WhenFull whenFull) {
        this.loop = loop;
        sending = new Sending(loop, whenFull);
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
        return loop.connect(cleanSession, Settings.positive("timeout", timeout, Duration.ZERO));
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

    /**
     * Sends through the current delegate's {@link MqttClient#send send}, or, with the link down,
     * into the offline buffer after one reconnect attempt if the backoff is due (see the package).
     *
     * @return the message's ticket: 1, 2, 3, ... over the sends that took their message
     * @throws IOException only when the buffer is full (see {@link Builder#whenFull}) or the client closed
     */
    @Override
    public long send(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        return sending.send(topic, msg, retain, qos);
    }

    /** Waits until every message {@link #send} took has ended, through outages too (see the package). */
    @Override
    public boolean flush(Duration timeout) throws IOException {
        return sending.flush(timeout);
    }

    @Override
    public int inFlight() {
        return loop.outbox().inFlight();
    }

    @Override
    public void setAckListener(AckListener listener) {
        loop.outbox().setListener(Objects.requireNonNull(listener, "listener"));
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

    /** Names the state, the server in use and what is buffered, e.g. {@code RobustClient[connected, server 1 of 2]}. */
    @Override
    public String toString() {
        return "RobustClient[" + loop.describe() + "]";
    }

    /** The retry policy of a {@link RobustClient}; every setting has a default; {@link #wrap} builds the client. */
    public static final class Builder {

        private final Settings s = new Settings();

        private Builder() {
        }

        /**
         * @param initialDelay the upper bound of the default backoff's first pause (default
         *     {@value RobustClient#DEFAULT_INITIAL_DELAY_MILLIS} ms; ignored with {@link #backoff}); positive
         * @return this builder
         */
        public Builder initialDelay(Duration initialDelay) {
            s.initialDelay = Settings.positive("initialDelay", initialDelay, Duration.ZERO);
            return this;
        }

        /**
         * @param maxDelay the cap of every pause of the default backoff, at least the initial delay
         *     (default {@value RobustClient#DEFAULT_MAX_DELAY_SECONDS} s; ignored with {@link #backoff})
         * @return this builder
         */
        public Builder maxDelay(Duration maxDelay) {
            s.maxDelay = Settings.positive("maxDelay", maxDelay, Duration.ZERO);
            return this;
        }

        /**
         * @param backoff a strategy of your own (the original's {@code delay(i)} hook) instead of the
         *     exponential one of {@link #initialDelay} and {@link #maxDelay}
         * @return this builder
         */
        public Builder backoff(BackoffStrategy backoff) {
            s.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * @param maxAttempts at most this many attempts per operation, the first included, then the
         *     last error is thrown (default: unlimited, like the original); 1 means never retry
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            s.maxAttempts = Settings.positive("maxAttempts", maxAttempts, 0);
            return this;
        }

        /**
         * @param deadline no attempt of an operation starts later than this after its first
         *     failure; then the last error is thrown (default: none); positive
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            s.deadline = Settings.positive("deadline", deadline, Duration.ZERO);
            return this;
        }

        /**
         * @param maxRefusals how many connection refusals (CONNACK 1, 2, 4, 5) one operation
         *     tolerates, the last thrown (default: one per server, so each server gets its chance;
         *     raise it to ride out an authentication service that restarts); at least 1
         * @return this builder
         */
        public Builder maxRefusals(int maxRefusals) {
            s.maxRefusals = Settings.positive("maxRefusals", maxRefusals, 0);
            return this;
        }

        /**
         * @param maxProtocolErrors how many protocol errors one operation tolerates, reconnecting
         *     after each, the last thrown (default 3; one provoked by a publish's message is never
         *     retried, see the class comment); at least 1
         * @return this builder
         */
        public Builder maxProtocolErrors(int maxProtocolErrors) {
            s.maxProtocolErrors = Settings.positive("maxProtocolErrors", maxProtocolErrors, 0);
            return this;
        }

        /**
         * @param checkMsgAttempts how many times one {@link RobustClient#checkMsg()} call checks
         *     (default 2, like the original's {@code check_msg(attempts=2)}); at least 1
         * @return this builder
         */
        public Builder checkMsgAttempts(int checkMsgAttempts) {
            s.checkMsgAttempts = Settings.positive("checkMsgAttempts", checkMsgAttempts, 0);
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
            s.persistentSession = persistentSession;
            return this;
        }

        /**
         * @param logger where failures and reconnects are logged (the original's
         *     {@code log(in_reconnect, e)}; default {@code System.getLogger("umqtt.robust")}); nothing
         *     logged contains a password, nor the user info or query of a server URI
         * @return this builder
         */
        public Builder logger(System.Logger logger) {
            s.logger = Objects.requireNonNull(logger, "logger");
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
            s.timeSource = Objects.requireNonNull(timeSource, "timeSource");
            return this;
        }

        /**
         * @param messages the most messages the offline buffer of {@link RobustClient#send} holds; positive
         * @return this builder (default {@value RobustClient#DEFAULT_MAX_BUFFERED_MESSAGES})
         */
        public Builder maxBufferedMessages(int messages) {
            s.maxBufferedMessages = Settings.positive("maxBufferedMessages", messages, 0);
            return this;
        }

        /**
         * @param bytes the most bytes of topics and payloads the offline buffer holds; positive
         * @return this builder (default {@value RobustClient#DEFAULT_MAX_BUFFERED_BYTES}, 16 MiB)
         */
        public Builder maxBufferedBytes(long bytes) {
            s.maxBufferedBytes = Settings.positive("maxBufferedBytes", bytes, 0L);
            return this;
        }

        /**
         * @param whenFull what a send does when the offline buffer is full (default {@link WhenFull#BLOCK})
         * @return this builder
         */
        public Builder whenFull(WhenFull whenFull) {
            s.whenFull = Objects.requireNonNull(whenFull, "whenFull");
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
            return new RobustClient(s.loop(delegates), s.whenFull);
        }
    }
}
