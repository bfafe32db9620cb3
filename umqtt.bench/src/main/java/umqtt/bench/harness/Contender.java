package umqtt.bench.harness;

/**
 * A client library under test: makes {@link Client}s. Implementations live in
 * {@code umqtt.bench.harness.contenders} and are loaded by name, so a child JVM that lacks the
 * other libraries' jars never touches their classes.
 */
public interface Contender {

    /**
     * A new, unconnected client.
     *
     * @param host the broker host
     * @param port the broker port
     * @param clientId the client id
     * @return the client
     * @throws Exception on failure
     */
    Client create(String host, int port, String clientId) throws Exception;
}
