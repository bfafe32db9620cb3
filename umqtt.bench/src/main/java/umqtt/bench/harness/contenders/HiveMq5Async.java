package umqtt.bench.harness.contenders;

/**
 * The HiveMQ MQTT client 1.3.7, async API, MQTT 5 ({@link HiveMqAsyncContender}): a PUBACK with an
 * error reason code fails the publish (HiveMQ's Mqtt5PubAckException), so the run stops.
 */
public final class HiveMq5Async extends HiveMqAsyncContender {

    /** Creates the contender. */
    public HiveMq5Async() {
        super(HiveMq5Links::async);
    }
}
