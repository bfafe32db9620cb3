package umqtt.cli;

import java.util.List;

/**
 * What an MQTT 5 message carried besides its topic and payload, for {@code sub -F}'s {@code %C %D
 * %E %F %P %R %S} and {@code %j}: plain values, {@link #NONE} for a 3.1.1 message.
 *
 * @param contentType the Content Type, or null
 * @param correlationData the Correlation Data, or null
 * @param messageExpiry the Message Expiry Interval in seconds, or -1 when absent
 * @param payloadFormat the Payload Format Indicator (1 UTF-8), or -1 when absent
 * @param responseTopic the Response Topic, or null
 * @param userProperties the User Properties in order, each a name and a value
 * @param subscriptionIdentifiers the Subscription Identifiers (empty when none)
 */
record MessageProperties(String contentType, byte[] correlationData, long messageExpiry, int payloadFormat,
        String responseTopic, List<String[]> userProperties, int[] subscriptionIdentifiers) {

    /** No properties: every 3.1.1 message. */
    static final MessageProperties NONE = new MessageProperties(null, null, -1, -1, null, List.of(), new int[0]);

    /** @return whether there is any property */
    boolean any() {
        return this != NONE && (contentType != null || correlationData != null || messageExpiry >= 0 || payloadFormat >= 0
                || responseTopic != null || !userProperties.isEmpty() || subscriptionIdentifiers.length > 0);
    }
}
