package umqtt.mqtt5.codec;

import umqtt.api.MqttException;

/** The values a property may not take, each a Protocol Error (0x82) by the standard's text. */
final class PropertyValues {

    private PropertyValues() {
    }

    static void check(int id, long v, String packet) throws MqttException {
        String rule = switch (id) {
            case Property.PAYLOAD_FORMAT_INDICATOR, Property.REQUEST_PROBLEM_INFORMATION,
                    Property.REQUEST_RESPONSE_INFORMATION, Property.RETAIN_AVAILABLE,
                    Property.WILDCARD_SUBSCRIPTION_AVAILABLE, Property.SUBSCRIPTION_IDENTIFIER_AVAILABLE,
                    Property.SHARED_SUBSCRIPTION_AVAILABLE, Property.MAXIMUM_QOS -> v > 1 ? "must be 0 or 1" : null;
            case Property.RECEIVE_MAXIMUM, Property.MAXIMUM_PACKET_SIZE -> v == 0 ? "must not be 0" : null;
            default -> null;
        };
        if (rule != null) {
            throw Faults.protocol(packet + " " + Property.name(id) + " " + rule + " but was " + v + " (MQTT 5.0, 2.2.2.2)");
        }
    }
}
