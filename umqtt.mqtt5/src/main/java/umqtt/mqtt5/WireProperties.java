package umqtt.mqtt5;

import java.util.List;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;

/** Between the API's property types and the codec's wire {@link Properties}. */
final class WireProperties {

    private WireProperties() {
    }

    /** @return the wire form of a message's properties, or null for none (nothing allocated) */
    static Properties of(PublishProperties p) {
        if (p == PublishProperties.NONE || p.isEmpty()) {
            return null;
        }
        return into(new Properties(), p);
    }

    /** Adds a message's (or a will's) properties to {@code w}. */
    static Properties into(Properties w, PublishProperties p) {
        if (p.utf8Payload()) {
            w.set(Property.PAYLOAD_FORMAT_INDICATOR, 1);
        }
        if (p.messageExpiry() != PublishProperties.NO_EXPIRY) {
            w.set(Property.MESSAGE_EXPIRY_INTERVAL, p.messageExpiry());
        }
        w.set(Property.CONTENT_TYPE, p.contentType());
        w.set(Property.RESPONSE_TOPIC, p.responseTopic());
        w.set(Property.CORRELATION_DATA, p.correlationData());
        return w.addUsers(p.userProperties());
    }

    /** @return the properties of a received PUBLISH; {@link PublishProperties#NONE} when it carried none */
    static PublishProperties from(Properties w) {
        if (w.isEmpty() || onlyAlias(w)) {
            return PublishProperties.NONE;
        }
        PublishProperties.Builder b = PublishProperties.builder()
                .utf8Payload(w.number(Property.PAYLOAD_FORMAT_INDICATOR, 0) == 1)
                .messageExpiry(w.number(Property.MESSAGE_EXPIRY_INTERVAL, PublishProperties.NO_EXPIRY))
                .contentType(w.string(Property.CONTENT_TYPE))
                .correlationData(w.binary(Property.CORRELATION_DATA))
                .responseTopic(w.string(Property.RESPONSE_TOPIC)); // a topic name: the decoder checked it
        for (UserProperty u : w.users()) {
            b.userProperty(u.name(), u.value());
        }
        int[] ids = w.subscriptionIdentifiers();
        if (ids.length > 0) {
            b.subscriptionIdentifiers(ids);
        }
        return b.build();
    }

    private static boolean onlyAlias(Properties w) {
        return w.has(Property.TOPIC_ALIAS) && w.encodedLength() == 3;
    }

    /** @return the CONNACK as the API shows it, with the standard's defaults for what was left out */
    static Connack connack(boolean sessionPresent, int reason, Properties w, long requestedExpiry) {
        return new Connack(sessionPresent, reason,
                w.number(Property.SESSION_EXPIRY_INTERVAL, requestedExpiry),
                (int) w.number(Property.RECEIVE_MAXIMUM, 65_535),
                (int) w.number(Property.MAXIMUM_QOS, 2),
                w.number(Property.RETAIN_AVAILABLE, 1) == 1,
                w.number(Property.MAXIMUM_PACKET_SIZE, 0),
                w.string(Property.ASSIGNED_CLIENT_IDENTIFIER),
                (int) w.number(Property.TOPIC_ALIAS_MAXIMUM, 0),
                w.string(Property.REASON_STRING),
                w.users(),
                w.number(Property.WILDCARD_SUBSCRIPTION_AVAILABLE, 1) == 1,
                w.number(Property.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 1) == 1,
                w.number(Property.SHARED_SUBSCRIPTION_AVAILABLE, 1) == 1,
                (int) w.number(Property.SERVER_KEEP_ALIVE, -1),
                w.string(Property.RESPONSE_INFORMATION),
                w.string(Property.SERVER_REFERENCE),
                w.string(Property.AUTHENTICATION_METHOD));
    }

    /** @return the failure the server reported, naming its reason and Reason String */
    static Mqtt5Exception failure(int reason, Properties w, String what, String advice) {
        String reasonString = w.string(Property.REASON_STRING);
        String reference = w.string(Property.SERVER_REFERENCE);
        List<UserProperty> users = w.users();
        return new Mqtt5Exception(reason, what + ": " + ReasonCode.name(reason) + String.format(" (0x%02X)", reason)
                + (reasonString == null ? "" : ", \"" + reasonString + "\"")
                + (reference == null ? "" : "; the server names another to use: " + reference)
                + (advice == null ? "" : "; " + advice), reasonString, users, reference);
    }
}
