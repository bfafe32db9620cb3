package umqtt.robust;

import java.io.IOException;
import java.time.Duration;
import umqtt.api.internal.ThreadGuard;

/**
 * The retry loop of {@link RobustClient}: runs each operation on the current server; when it
 * fails, decides whether it may go on (the {@link RetryPolicy}, the {@link Operation} itself),
 * fails over after a failed connect, waits the backoff and reconnects, then runs the operation
 * again. Everything happens on the calling thread, one caller at a time.
 */
final class RetryLoop {

    private enum State { NOT_CONNECTED, CONNECTED, BROKEN }

    private final Servers servers;
    private final RetryPolicy policy;
    private final RobustLog log;
    private final Renewal renewal = new Renewal();
    private final Pause pause;
    private final Stability stability;
    private final ThreadGuard guard = new ThreadGuard("RobustClient");
    private final Outbox outbox;
    private State state = State.NOT_CONNECTED;
    private Duration connectTimeout;
    /** Whether the next reconnect waits for {@link #dueAt}: a failure was scheduled rather than waited for. */
    private boolean scheduled;
    private long dueAt;
    private int lastInRow;

    RetryLoop(Servers servers, RetryPolicy policy, RobustLog log, Outbox outbox) {
        this.servers = servers;
        this.policy = policy;
        this.log = log;
        this.outbox = outbox;
        this.pause = new Pause(policy.time());
        this.stability = new Stability(policy.time());
    }

    Servers servers() {
        return servers;
    }

    Subscriptions subscriptions() {
        return renewal.subscriptions();
    }

    int checkMsgAttempts() {
        return policy.checkMsgAttempts();
    }

    Outbox outbox() {
        return outbox;
    }

    RetryPolicy policy() {
        return policy;
    }

    RobustLog log() {
        return log;
    }

    /** The user's connect: retried within the policy, moving to the next server after each failed attempt. */
    boolean connect(boolean cleanSession, Duration timeout) throws IOException {
        guard.enter();
        try {
            requireOpen();
            if (state == State.CONNECTED) {
                throw new IllegalStateException("already connected: call disconnect() first");
            }
            connectTimeout = timeout;
            if (cleanSession) {
                renewal.forget();
                outbox.discardAll();
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
                    if (state != State.CONNECTED) {
                        state = was; // misuse: the delegate did not connect
                    } // else the callback threw during the renewal, which the next operation completes
                    throw closedOr(e);
                }
                try {
                    afterFailure("connect", attempts, failure, true, null);
                } catch (IOException | RuntimeException e) {
                    state = State.NOT_CONNECTED;
                    throw e;
                }
            }
        } finally {
            guard.exit();
        }
    }

    /** Sends DISCONNECT through the current delegate if connected; then not connected until the next connect. */
    void disconnect() throws IOException {
        guard.enter();
        try {
            requireOpen();
            State was = state;
            state = State.NOT_CONNECTED;
            if (was == State.CONNECTED) {
                servers.client().disconnect();
            }
        } finally {
            guard.exit();
        }
    }

    <T> T run(String name, Operation<T> op) throws IOException {
        return run(name, op, Integer.MAX_VALUE, null);
    }

    /**
     * Runs {@code op} until it succeeds or may no longer be retried. Buffered sends go out first.
     * A reconnect that a send scheduled is waited for, unless {@code exhausted} is given.
     *
     * @param maxRuns at most this many runs; after the last failed one, reconnect and return {@code exhausted}
     * @param exhausted returned after the last run, and at once while a scheduled reconnect is not yet due
     */
    <T> T run(String name, Operation<T> op, int maxRuns, T exhausted) throws IOException {
        guard.enter();
        try {
            requireOpen();
            requireConnected();
            long wait = nanosUntilAttempt();
            if (wait > 0) {
                if (exhausted != null) {
                    return exhausted;
                }
                pause.sleep(wait);
            }
            Attempts attempts = null;
            int runs = 0;
            while (true) {
                IOException failure;
                boolean connecting = state == State.BROKEN;
                boolean draining = false;
                try {
                    if (connecting) {
                        connectCurrent(false, true);
                        connecting = false;
                    } else if (renewal.pending()) {
                        renewal.complete(servers.client(), servers.current(), log);
                    }
                    if (runs == maxRuns) {
                        return exhausted;
                    }
                    if (outbox.hasBuffered()) {
                        draining = true;
                        outbox.drain();
                        draining = false;
                    }
                    runs++;
                    return op.run(servers.client(), servers.current());
                } catch (IOException e) {
                    failure = e;
                } catch (RuntimeException e) {
                    throw closedOr(e);
                }
                if (attempts == null) {
                    attempts = policy.start();
                }
                afterFailure(name, attempts, failure, connecting, draining ? null : op);
            }
        } finally {
            guard.exit();
        }
    }

    // ---------------------------------------------------------------- the steps of send and flush

    void enter() {
        guard.enter();
        try {
            requireOpen();
            requireConnected();
        } catch (RuntimeException e) {
            guard.exit();
            throw e;
        }
    }

    void exit() {
        guard.exit();
    }

    boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** How long until a reconnect is due; 0 when it is (or none is owed). */
    long nanosUntilAttempt() {
        if (state != State.BROKEN || !scheduled) {
            return 0;
        }
        return Math.max(0, dueAt - policy.time().nanoTime());
    }

    /** Waits (closably) for a scheduled reconnect, at most {@code nanos}. */
    void sleep(long nanos) throws IOException {
        if (nanos > 0) {
            pause.sleep(nanos);
        }
    }

    /**
     * One reconnect attempt, now; the buffer is not drained here.
     *
     * @return null when connected, else the failure (the next attempt is scheduled)
     */
    IOException reconnectOnce(String name) throws IOException {
        try {
            connectCurrent(false, true);
            return null;
        } catch (IOException e) {
            schedule(name, e, true);
            return e;
        } catch (RuntimeException e) {
            throw closedOr(e);
        }
    }

    /** The connected link failed under a send or flush: the next reconnect is scheduled, not waited for. */
    void linkFailed(String name, IOException failure) throws IOException {
        schedule(name, failure, false);
    }

    private void schedule(String name, IOException failure, boolean connecting) throws IOException {
        int failedOn = servers.current();
        long delay = broke(failure, connecting);
        scheduled = true;
        dueAt = policy.time().nanoTime() + delay;
        log.retrying(name, failedOn, Math.max(1, lastInRow), failure, servers.current(), delay);
    }

    /** One connect attempt on the current delegate, then the renewal of subscriptions it owes. */
    private boolean connectCurrent(boolean cleanSession, boolean reconnect) throws IOException {
        long start = policy.time().nanoTime();
        boolean present = servers.connect(cleanSession, reconnect, connectTimeout);
        state = State.CONNECTED;
        scheduled = false;
        outbox.linked(servers.current());
        stability.connected(start);
        log.connected(reconnect, servers.current(), present);
        renewal.linked(servers.switched(), present);
        if (renewal.pending()) {
            renewal.complete(servers.client(), servers.current(), log);
        }
        return present;
    }

    /**
     * Decides what a failure means: throws it when it must not or may no longer be retried,
     * otherwise moves to the next server if it was a connect attempt, logs, and waits the backoff.
     */
    private void afterFailure(String name, Attempts attempts, IOException failure, boolean connecting,
            Operation<?> op) throws IOException {
        Failure kind = Failure.of(failure);
        if (connecting && kind == Failure.FINAL) {
            kind = Failure.REFUSAL; // an MQTT 5 CONNACK refusal (0x80 and above)
        }
        if (kind == Failure.FINAL) {
            throw failure; // the link is fine
        }
        int failedOn = servers.current();
        long delay = broke(failure, connecting);
        scheduled = false;
        String refused = op == null ? null : op.refuseRetry(failure, kind, failedOn, connecting);
        String stop = refused != null ? refused : attempts.count(kind, delay);
        if (stop != null) {
            log.gaveUp(name, failedOn, stop, failure);
            throw failure;
        }
        log.retrying(name, failedOn, attempts.failures(), failure, servers.current(), delay);
        pause.sleep(delay);
    }

    /**
     * The link is down: moves to the next server after a failed connect, counts the failure.
     *
     * @return the backoff pause before the next attempt
     */
    private long broke(IOException failure, boolean connecting) throws IOException {
        boolean linkBroke = !connecting && state == State.CONNECTED;
        state = State.BROKEN;
        if (pause.isClosed()) {
            IOException closed = Pause.closedException();
            closed.addSuppressed(failure);
            throw closed;
        }
        if (connecting) {
            servers.failover(); // also when giving up: the next connect starts with the next server
        }
        lastInRow = stability.failed(linkBroke);
        return lastInRow == 0 ? 0 : policy.pauseNanos(lastInRow);
    }

    /**
     * A delegate closed by {@link #close()} from another thread throws IllegalStateException: the
     * caller should see that the client was closed, as an IOException like any other end of I/O.
     */
    RuntimeException closedOr(RuntimeException e) throws IOException {
        if (pause.isClosed()) {
            IOException closed = Pause.closedException();
            closed.initCause(e);
            throw closed;
        }
        return e;
    }

    private void requireConnected() {
        if (state == State.NOT_CONNECTED) {
            throw new IllegalStateException("not connected: call connect() first");
        }
    }

    private void requireOpen() {
        if (pause.isClosed()) {
            throw new IllegalStateException("the RobustClient is closed: create a new one to connect again");
        }
    }

    /** Ends a backoff wait at once (from any thread) and closes every delegate. */
    void close() {
        pause.close();
        servers.closeAll();
    }

    /** The state in words, for toString. */
    String describe() {
        String s = pause.isClosed() ? "closed" : switch (state) {
            case NOT_CONNECTED -> "not connected";
            case CONNECTED -> "connected";
            case BROKEN -> "reconnecting";
        };
        int buffered = outbox.bufferedCount();
        return s + ", server " + (servers.current() + 1) + " of " + servers.count()
                + (buffered > 0 ? ", " + buffered + " buffered" : "");
    }
}
