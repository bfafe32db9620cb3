package umqtt.robust;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Checks the topic of a message before it enters the offline buffer, as the delegate would when
 * sending it: a message the buffer took must not be refused when it is handed on later.
 */
final class TopicName {

    private static final int MAX_LENGTH = 65_535;

    private TopicName() {
    }

    /** @throws IllegalArgumentException when the topic is empty, too long, has a wildcard or is not UTF-8 text */
    static void check(byte[] topic) {
        if (topic.length == 0) {
            throw new IllegalArgumentException("send topic is empty: MQTT needs at least one character");
        }
        if (topic.length > MAX_LENGTH) {
            throw new IllegalArgumentException("send topic is " + topic.length + " bytes long; MQTT allows at most "
                    + MAX_LENGTH);
        }
        for (byte b : topic) {
            if (b == '+' || b == '#') {
                throw new IllegalArgumentException("send topic contains the wildcard '" + (char) b
                        + "': wildcards are for subscribe filters only; send to a concrete topic");
            }
            if (b == 0) {
                throw new IllegalArgumentException("send topic contains U+0000, which MQTT forbids in topics");
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(topic));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("send topic is not valid UTF-8: MQTT topics are UTF-8 text", e);
        }
    }
}
