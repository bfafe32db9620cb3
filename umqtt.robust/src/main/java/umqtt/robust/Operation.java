package umqtt.robust;

import java.io.IOException;
import umqtt.api.MqttClient;

/**
 * One operation of the {@link MqttClient} interface as the retry loop runs it: on the current
 * delegate, again after each reconnect.
 *
 * @param <T> what it returns
 */
@FunctionalInterface
interface Operation<T> {

    /**
     * Runs the operation once.
     *
     * @param delegate the connected delegate of the current server
     * @param index that server's index
     * @return the result
     * @throws IOException when it fails (the loop decides whether to retry)
     */
    T run(MqttClient delegate, int index) throws IOException;

    /**
     * Told of each failure of this operation (of {@link #run}, or of a reconnect on its behalf)
     * before the retry policy is asked.
     *
     * @param failure what failed
     * @param kind its classification
     * @param index the server it failed on
     * @param connecting whether it was a reconnect that failed
     * @return why the operation must not be retried (the failure is then thrown), or null
     */
    default String refuseRetry(IOException failure, Failure kind, int index, boolean connecting) {
        return null;
    }
}
