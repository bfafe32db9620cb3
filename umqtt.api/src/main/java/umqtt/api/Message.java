package umqtt.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message received from the broker.
 *
 * <p>The arrays are the client's own copies, handed over without further copying: the callback
 * may keep them. Equality compares the contents of the arrays.
 *
 * @param topic the topic name it was published to (UTF-8 bytes)
 * @param payload the payload, exactly as published
 * @param qos the QoS it was delivered with, 0-2
 * @param retained whether it is a retained message sent because of a new subscription (a live
 *     message is never flagged retained)
 * @param dup whether the broker flagged it as a possible re-delivery
 */
public record Message(byte[] topic, byte[] payload, int qos, boolean retained, boolean dup) {

    /**
     * Validates the components.
     *
     * @param topic the topic name
     * @param payload the payload
     * @param qos 0, 1 or 2
     * @param retained the retained flag
     * @param dup the DUP flag
     * @throws NullPointerException when topic or payload is null
     * @throws IllegalArgumentException when qos is not 0, 1 or 2
     */
    public Message {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2 but was " + qos);
        }
    }

    /**
     * The topic decoded from UTF-8.
     *
     * @return the topic as a String
     */
    public String topicString() {
        return new String(topic, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m
                && qos == m.qos && retained == m.retained && dup == m.dup
                && Arrays.equals(topic, m.topic) && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(topic), Arrays.hashCode(payload), qos, retained, dup);
    }

    @Override
    public String toString() {
        return "Message[topic=" + topicString() + ", payload=" + payload.length + " bytes, qos=" + qos
                + ", retained=" + retained + ", dup=" + dup + "]";
    }
}
