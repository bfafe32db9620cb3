package umqtt.mqtt5;

import java.util.List;

/**
 * What the server said when it accepted the connection: its CONNACK (MQTT 5.0, 3.2), with the
 * defaults the standard gives for every property the server left out. {@link Mqtt5Client#connack()}
 * returns the last one; the client already honours every limit in it.
 *
 * @param sessionPresent whether the server kept a session for this client
 * @param reasonCode 0x00 Success (a refusal is thrown as {@link Mqtt5Exception}, never returned)
 * @param sessionExpiry the Session Expiry Interval in force, in seconds (the server's, else the
 *     client's); 4,294,967,295 means never
 * @param receiveMaximum how many QoS 1/2 messages the server accepts in flight (65,535 when absent)
 * @param maximumQos the highest QoS the server accepts (2 when absent)
 * @param retainAvailable whether the server accepts retained messages
 * @param maximumPacketSize the largest packet the server accepts (0 when absent: no limit but the protocol's)
 * @param assignedClientIdentifier the client id the server chose for an empty one, or null
 * @param topicAliasMaximum how many topic aliases the client may use towards the server (0 when absent: none)
 * @param reasonString the server's Reason String, or null
 * @param userProperties the server's User Properties
 * @param wildcardSubscriptionAvailable whether wildcards are allowed in filters
 * @param subscriptionIdentifiersAvailable whether subscription identifiers are allowed
 * @param sharedSubscriptionAvailable whether shared subscriptions are allowed
 * @param serverKeepAlive the keepalive the server imposes, in seconds, or -1 when it keeps the client's
 * @param responseInformation the Response Information (a topic prefix for responses), or null
 * @param serverReference another server to use, or null
 * @param authenticationMethod the Authentication Method, or null
 */
public record Connack(boolean sessionPresent, int reasonCode, long sessionExpiry, int receiveMaximum, int maximumQos,
        boolean retainAvailable, long maximumPacketSize, String assignedClientIdentifier, int topicAliasMaximum,
        String reasonString, List<UserProperty> userProperties, boolean wildcardSubscriptionAvailable,
        boolean subscriptionIdentifiersAvailable, boolean sharedSubscriptionAvailable, int serverKeepAlive,
        String responseInformation, String serverReference, String authenticationMethod) {

    /** Copies the list. */
    public Connack {
        userProperties = List.copyOf(userProperties);
    }
}
