package umqtt.bench.harness;

/**
 * A contender that can keep a window of QoS 1 publishes in flight: the {@code wan} and
 * {@code qos1-win20} scenarios. Each library does it its own way (umqtt's {@code send} with
 * {@code maxInFlight}, Paho's {@code maxInflight}, HiveMQ's futures); the adapter only bounds what
 * the library itself does not.
 */
public interface Windowed {

    /**
     * A new, unconnected publisher that keeps at most {@code window} QoS 1 messages unacknowledged.
     *
     * @param host the broker host
     * @param port the broker port
     * @param clientId the client id
     * @param window the most messages awaiting their PUBACK at once
     * @return the publisher
     * @throws Exception on failure
     */
    Publisher createWindowed(String host, int port, String clientId, int window) throws Exception;

    /** One connection publishing QoS 1 through a window. */
    interface Publisher {

        /**
         * Connects with a clean session and a 60 s keepalive.
         *
         * @throws Exception on failure
         */
        void connect() throws Exception;

        /**
         * Publishes at QoS 1 and returns as soon as the window has room for the next message.
         *
         * @param topic the topic
         * @param payload the payload (not changed by the caller afterwards)
         * @throws Exception on failure, also of an earlier message
         */
        void send(Topic topic, byte[] payload) throws Exception;

        /**
         * Waits until every message sent so far is acknowledged.
         *
         * @throws Exception on failure or after 60 s
         */
        void flush() throws Exception;

        /**
         * Disconnects and releases everything.
         *
         * @throws Exception on failure
         */
        void disconnect() throws Exception;
    }
}
