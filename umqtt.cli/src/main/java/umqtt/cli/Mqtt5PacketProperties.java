package umqtt.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The MQTT 5 properties that {@code -D} (and {@code -x}) gave one packet (CONNECT, PUBLISH, WILL,
 * SUBSCRIBE, UNSUBSCRIBE or DISCONNECT), as plain values: null for a property not given. Read by
 * {@link Mqtt5PropertyFlag}, applied by {@code Mqtt5Clients}; nothing here touches an MQTT 5 type.
 */
final class Mqtt5PacketProperties {

    /** session-expiry-interval (CONNECT, DISCONNECT), seconds; 4294967295 never expires. */
    Long sessionExpiry;
    /** receive-maximum (CONNECT). */
    Integer receiveMaximum;
    /** maximum-packet-size (CONNECT), bytes. */
    Long maximumPacketSize;
    /** topic-alias-maximum (CONNECT). */
    Integer topicAliasMaximum;
    /** request-response-information (CONNECT). */
    Boolean requestResponseInformation;
    /** request-problem-information (CONNECT). */
    Boolean requestProblemInformation;
    /** payload-format-indicator (PUBLISH, WILL): true for UTF-8. */
    Boolean utf8Payload;
    /** message-expiry-interval (PUBLISH, WILL), seconds. */
    Long messageExpiry;
    /** content-type (PUBLISH, WILL). */
    String contentType;
    /** response-topic (PUBLISH, WILL). */
    String responseTopic;
    /** correlation-data (PUBLISH, WILL): the value's UTF-8 bytes, as mosquitto takes it. */
    byte[] correlationData;
    /** will-delay-interval (WILL), seconds. */
    Long willDelay;
    /** subscription-identifier (SUBSCRIBE). */
    Integer subscriptionIdentifier;
    /** reason-string (DISCONNECT). */
    String reasonString;
    /** user-property, any number, in order: each a name and a value. */
    final List<String[]> userProperties = new ArrayList<>();
}
