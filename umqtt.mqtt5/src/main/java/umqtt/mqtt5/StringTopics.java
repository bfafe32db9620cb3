package umqtt.mqtt5;

import java.util.Objects;

/** The UTF-8 bytes of the last String topic, so publishing to a constant String allocates nothing. */
final class StringTopics {

    private String last = "";
    private byte[] bytes = new byte[0];

    byte[] bytes(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic != last) {
            byte[] b = umqtt.mqtt5.codec.Strings.utf8(topic, "publish topic"); // no U+0000, no lone surrogate
            last = topic;
            bytes = b;
        }
        return bytes;
    }
}
