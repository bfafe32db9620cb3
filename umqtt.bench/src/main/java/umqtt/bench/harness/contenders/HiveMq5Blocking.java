package umqtt.bench.harness.contenders;

/**
 * The HiveMQ MQTT client 1.3.7, blocking API, MQTT 5: the peer of umqtt's MQTT 5 client, as
 * {@link HiveMqBlocking} is of the 3.1.1 one ({@link HiveMqBlockingContender}). A PUBACK with an
 * error reason code makes the publish throw (HiveMQ's Mqtt5PubAckException), so the run stops.
 */
public final class HiveMq5Blocking extends HiveMqBlockingContender {

    /** Creates the contender. */
    public HiveMq5Blocking() {
        super(HiveMq5Links::blocking);
    }
}
