package umqtt.simple;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The UTF-8 bytes of the last String topic, so publishing to a constant topic String costs no
 * allocation. The cached array is the client's own: nobody changes it.
 */
final class TopicCache {

    /** The last String topic and its bytes, replaced as one so no thread sees half of it. */
    private TopicBytes last = new TopicBytes("", new byte[0]);

    /** @return the topic's UTF-8 bytes, checked as a topic string */
    byte[] bytes(String topic) {
        Objects.requireNonNull(topic, "topic");
        TopicBytes cached = last;
        if (topic != cached.string) {
            MqttStrings.check(topic, "publish topic");
            cached = new TopicBytes(topic, topic.getBytes(StandardCharsets.UTF_8)); // its name rules: by the caller
            last = cached;
        }
        return cached.bytes;
    }

    private record TopicBytes(String string, byte[] bytes) {
    }
}
