package umqtt.bench.harness.contenders;

/** The HiveMQ MQTT client 1.3.7, blocking API, MQTT 3 ({@link HiveMqBlockingContender}). */
public final class HiveMqBlocking extends HiveMqBlockingContender {

    /** Creates the contender. */
    public HiveMqBlocking() {
        super(HiveMq3Links::blocking);
    }
}
