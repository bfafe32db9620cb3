package umqtt.mqtt5;

import umqtt.api.MqttException;
import umqtt.mqtt5.codec.Faults;

/**
 * The topic aliases the server gives the client, within the client's Topic Alias Maximum; new
 * for every connection (MQTT-3.3.2-7).
 */
final class InboundAliases {

    private final int maximum;
    private byte[][] topics;

    InboundAliases(int maximum) {
        this.maximum = maximum;
    }

    void reset() {
        topics = new byte[maximum + 1][];
    }

    /**
     * @param topic the PUBLISH's topic name (empty when only the alias is sent)
     * @param alias its Topic Alias, 0 when it has none
     * @return the full topic name
     * @throws MqttException 0x94 Topic Alias invalid for 0 or over the client's maximum
     *     (MQTT-3.3.2-11 binds the server); 0x82 for an empty topic without a known alias (MQTT 5.0, 3.3.4)
     */
    byte[] resolve(byte[] topic, long alias) throws MqttException {
        if (alias < 0) {
            if (topic.length == 0) {
                throw Faults.protocol("PUBLISH with an empty topic name and no Topic Alias (MQTT 5.0, 3.3.2.1)");
            }
            return topic;
        }
        if (alias == 0 || alias > maximum) {
            throw Faults.of(0x94, "the server sent Topic Alias " + alias + ", outside 1 to the client's Topic Alias "
                    + "Maximum of " + maximum + " (MQTT-3.3.2-11)");
        }
        if (topic.length > 0) {
            topics[(int) alias] = topic;
            return topic;
        }
        byte[] known = topics[(int) alias];
        if (known == null) {
            throw Faults.protocol("the server sent Topic Alias " + alias + " with an empty topic name before it gave "
                    + "that alias a topic (MQTT 5.0, 3.3.4)");
        }
        return known.clone(); // the callback owns the arrays it gets
    }
}
