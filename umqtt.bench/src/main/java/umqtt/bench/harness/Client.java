package umqtt.bench.harness;

/**
 * One connection of a contender, as the scenarios use it. Blocking clients map each call to their
 * blocking API; asynchronous clients may return from a QoS 0 {@link #publish} before the bytes are
 * written (that is their design), and finish in {@link #drain}.
 */
public interface Client {

    /**
     * Connects with a clean session and a 60 s keepalive.
     *
     * @throws Exception on failure
     */
    void connect() throws Exception;

    /**
     * Publishes; QoS 1 returns when the PUBACK has arrived.
     *
     * @param topic the topic
     * @param payload the payload
     * @param qos 0 or 1
     * @throws Exception on failure
     */
    void publish(Topic topic, byte[] payload, int qos) throws Exception;

    /**
     * Waits until every QoS 0 publish so far has been handed to the operating system.
     *
     * @throws Exception on failure
     */
    void drain() throws Exception;

    /**
     * Subscribes at QoS 0 and waits for the SUBACK.
     *
     * @param topic the filter
     * @throws Exception on failure
     */
    void subscribe(Topic topic) throws Exception;

    /**
     * Publishes at QoS 0 to a topic this client subscribed to, and returns when the broker has
     * delivered it back.
     *
     * @param topic the topic
     * @param payload the payload
     * @throws Exception on failure
     */
    void roundTrip(Topic topic, byte[] payload) throws Exception;

    /**
     * Disconnects and releases everything.
     *
     * @throws Exception on failure
     */
    void disconnect() throws Exception;
}
