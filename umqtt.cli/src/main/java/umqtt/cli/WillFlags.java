package umqtt.cli;

import java.nio.charset.StandardCharsets;
import umqtt.api.MqttClient;

/** The last-will options of every command. */
final class WillFlags {

    String topic;
    byte[] payload;
    int qos;
    boolean retain;

    /**
     * Takes {@code option} (and its value) if it is a will option.
     *
     * @return false when it is not
     */
    boolean accept(String option, Args args) throws UsageException {
        switch (option) {
            case "--will-topic" -> topic = args.value();
            case "--will-payload" -> payload = args.value().getBytes(StandardCharsets.UTF_8);
            case "--will-qos" -> qos = args.intValue(0, 2);
            case "--will-retain" -> retain = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Checks that the other will options come with a topic. */
    void check() throws UsageException {
        if (topic == null && (payload != null || qos != 0 || retain)) {
            throw new UsageException("the will options need --will-topic");
        }
    }

    /** @return the will's topic, or null without a will */
    String topic() {
        return topic;
    }

    /** Sets the will on a client, if one was given. */
    void apply(MqttClient client) {
        if (topic != null) {
            client.setLastWill(topic.getBytes(StandardCharsets.UTF_8), payload == null ? new byte[0] : payload,
                    retain, qos);
        }
    }
}
