package umqtt.tests.brokers;

/**
 * A broker a test owns and may stop and start again on the same ports, with fresh state (no
 * persistence): {@link Mosquitto#startPrivate()}, {@link Aedes#startPrivate()}. Listed for
 * parameterized tests by {@link Brokers#restartable()}.
 */
public interface RestartableBroker extends Broker {

    /** Starts the broker again after {@link #stop()}; returns once every port accepts connections. */
    void start();

    /** Stops the broker gracefully (clients see their connection closed). */
    void stop();

    /** @return whether the broker is running */
    boolean isRunning();

    /** {@link #stop()} then {@link #start()}: same ports, fresh state. */
    default void restart() {
        stop();
        start();
    }
}
