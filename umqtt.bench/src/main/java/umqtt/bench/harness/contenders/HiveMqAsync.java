package umqtt.bench.harness.contenders;

/** The HiveMQ MQTT client 1.3.7, async API, MQTT 3 ({@link HiveMqAsyncContender}). */
public final class HiveMqAsync extends HiveMqAsyncContender {

    /** Creates the contender. */
    public HiveMqAsync() {
        super(HiveMq3Links::async);
    }
}
