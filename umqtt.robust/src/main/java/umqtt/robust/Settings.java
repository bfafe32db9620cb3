package umqtt.robust;

import java.time.Duration;
import java.util.Objects;
import umqtt.api.MqttClient;
import umqtt.api.spi.TimeSource;

/**
 * What {@link RobustClient.Builder} collects, with the defaults, and how a client is made of it.
 * The builder only checks and documents each setting.
 */
final class Settings {

    Duration initialDelay = Duration.ofMillis(RobustClient.DEFAULT_INITIAL_DELAY_MILLIS);
    Duration maxDelay = Duration.ofSeconds(RobustClient.DEFAULT_MAX_DELAY_SECONDS);
    BackoffStrategy backoff;
    int maxAttempts;
    Duration deadline;
    int maxRefusals;
    int maxProtocolErrors = 3;
    int checkMsgAttempts = 2;
    boolean persistentSession = true;
    System.Logger logger;
    TimeSource timeSource = TimeSource.system();
    int maxBufferedMessages = RobustClient.DEFAULT_MAX_BUFFERED_MESSAGES;
    long maxBufferedBytes = RobustClient.DEFAULT_MAX_BUFFERED_BYTES;
    WhenFull whenFull = WhenFull.BLOCK;

    /** The one positive-value check, of every setting and of a connect timeout. */
    static <T extends Comparable<T>> T positive(String name, T value, T zero) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(zero) <= 0) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
        return value;
    }

    /** The retry loop of a client around {@code delegates}, with its servers, policy, log and outbox. */
    RetryLoop loop(MqttClient... delegates) {
        MqttClient[] checked = Servers.check(delegates);
        BackoffStrategy strategy = backoff != null ? backoff : BackoffStrategy.exponential(initialDelay, maxDelay);
        long deadlineNanos = deadline == null ? 0 : Nanos.saturated(deadline);
        int refusals = maxRefusals > 0 ? maxRefusals : checked.length;
        RetryPolicy policy = new RetryPolicy(strategy, maxAttempts, deadlineNanos, refusals, maxProtocolErrors,
                checkMsgAttempts, persistentSession, timeSource);
        RobustLog log = new RobustLog(logger, checked.length);
        Servers servers = new Servers(checked, persistentSession, log);
        return new RetryLoop(servers, policy, log, new Outbox(servers, maxBufferedMessages, maxBufferedBytes));
    }
}
