package umqtt.cli;

import java.util.List;

/**
 * What an MQTT 5 message carried besides its topic and payload, for {@code sub -F}'s {@code %C %D
 * %E %F %P %R %S} ({@link Mqtt5Format}) and {@code %j} ({@link Mqtt5JsonProperties}): plain values. A
 * 3.1.1 message has none: the classes that print messages get null instead (and this class, like
 * every {@code Mqtt5*} class but {@link Mqtt5Module}, is not in the minimal images).
 *
 * @param contentType the Content Type, or null
 * @param correlationData the Correlation Data, or null
 * @param messageExpiry the Message Expiry Interval in seconds, or -1 when absent
 * @param payloadFormat the Payload Format Indicator (1 UTF-8), or -1 when absent
 * @param responseTopic the Response Topic, or null
 * @param userProperties the User Properties in order, each a name and a value
 * @param subscriptionIdentifiers the Subscription Identifiers (empty when none)
 */
record Mqtt5MessageProperties(String contentType, byte[] correlationData, long messageExpiry, int payloadFormat,
        String responseTopic, List<String[]> userProperties, int[] subscriptionIdentifiers) {

    /** @return whether there is any property */
    boolean any() {
        return contentType != null || correlationData != null || messageExpiry >= 0 || payloadFormat >= 0
                || responseTopic != null || !userProperties.isEmpty() || subscriptionIdentifiers.length > 0;
    }
}
