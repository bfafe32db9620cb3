package umqtt.mqtt5;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The UTF-8 bytes of the last String topic, so publishing to a constant String allocates nothing. */
final class StringTopics {

    private String last = "";
    private byte[] bytes = new byte[0];

    byte[] bytes(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic != last) {
            byte[] b = topic.getBytes(StandardCharsets.UTF_8);
            last = topic;
            bytes = b;
        }
        return bytes;
    }
}
