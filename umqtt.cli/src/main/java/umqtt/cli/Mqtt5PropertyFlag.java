package umqtt.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code -D COMMAND IDENTIFIER VALUE} (or {@code -D COMMAND user-property NAME VALUE}), as
 * mosquitto_pub and mosquitto_sub take it: the packet and the property by mosquitto's names (any
 * case), the value checked against the property's type and range, stored in that packet's
 * {@link Mqtt5PacketProperties}. A property the standard does not allow in that packet, or one the
 * client sets itself (topic-alias, the authentication ones), is refused with the reason.
 */
final class Mqtt5PropertyFlag {

    /** The properties each packet takes from the command line. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "CONNECT", Set.of("session-expiry-interval", "receive-maximum", "maximum-packet-size", "topic-alias-maximum",
                    "request-response-information", "request-problem-information", "user-property"),
            "PUBLISH", Set.of("payload-format-indicator", "message-expiry-interval", "content-type", "response-topic",
                    "correlation-data", "user-property"),
            "WILL", Set.of("payload-format-indicator", "message-expiry-interval", "content-type", "response-topic",
                    "correlation-data", "user-property", "will-delay-interval"),
            "SUBSCRIBE", Set.of("subscription-identifier", "user-property"),
            "UNSUBSCRIBE", Set.of("user-property"),
            "DISCONNECT", Set.of("session-expiry-interval", "reason-string", "user-property"));

    /** Packets mosquitto names that umqtt fills itself. */
    private static final Set<String> OWN = Set.of("PUBACK", "PUBREC", "PUBREL", "PUBCOMP", "AUTH");

    private static final long U32 = 0xFFFF_FFFFL;

    private Mqtt5PropertyFlag() {
    }

    /**
     * Checks one {@code -D} and stores its value.
     *
     * @param words {@code -D} and the words after it, as {@link V5Words} took them
     * @param packets the command's packets: only these may be named
     * @param props where each packet's properties go
     * @throws UsageException for an unknown or misplaced packet or property, a bad value, a repeat
     */
    static void apply(String[] words, List<String> packets, Map<String, Mqtt5PacketProperties> props) throws UsageException {
        String packet = words[1].toUpperCase(Locale.ROOT);
        String name = words[2].toLowerCase(Locale.ROOT);
        if (OWN.contains(packet)) {
            throw new UsageException("-D " + packet + ": umqtt sends " + packet + " itself, with no properties from the "
                    + "command line; give properties of " + String.join(", ", packets));
        }
        if (!ALLOWED.containsKey(packet) || !packets.contains(packet)) {
            throw new UsageException("invalid command '" + Args.shown(packet) + "' given in -D: this command takes "
                    + String.join(", ", packets));
        }
        if (!ALLOWED.get(packet).contains(name)) {
            throw new UsageException(switch (name) {
                case "topic-alias" -> "-D " + packet + " topic-alias: the client manages topic aliases itself";
                case "authentication-method", "authentication-data" -> "-D " + packet + " " + name
                        + ": enhanced authentication needs an authenticator (the library's Mqtt5Client.Builder), not -D";
                default -> "-D " + packet + " " + Args.shown(name) + ": not a property umqtt sends in " + packet
                        + "; it takes " + String.join(", ", ALLOWED.get(packet).stream().sorted().toList());
            });
        }
        Mqtt5PacketProperties p = props.computeIfAbsent(packet, k -> new Mqtt5PacketProperties());
        String value = words[3];
        String where = "-D " + packet + " " + name;
        switch (name) {
            case "user-property" -> p.userProperties.add(new String[] {value, words[4]});
            case "session-expiry-interval" -> p.sessionExpiry = once(p.sessionExpiry, where, number(value, 0, U32, where));
            case "receive-maximum" -> p.receiveMaximum = once(p.receiveMaximum, where, (int) number(value, 1, 65_535, where));
            case "maximum-packet-size" -> p.maximumPacketSize = once(p.maximumPacketSize, where,
                    number(value, 1, 268_435_460, where));
            case "topic-alias-maximum" -> p.topicAliasMaximum = once(p.topicAliasMaximum, where,
                    (int) number(value, 0, 65_535, where));
            case "request-response-information" -> p.requestResponseInformation = once(p.requestResponseInformation,
                    where, number(value, 0, 1, where) == 1);
            case "request-problem-information" -> p.requestProblemInformation = once(p.requestProblemInformation,
                    where, number(value, 0, 1, where) == 1);
            case "payload-format-indicator" -> p.utf8Payload = once(p.utf8Payload, where, number(value, 0, 1, where) == 1);
            case "message-expiry-interval" -> p.messageExpiry = once(p.messageExpiry, where, number(value, 0, U32, where));
            case "will-delay-interval" -> p.willDelay = once(p.willDelay, where, number(value, 0, U32, where));
            case "subscription-identifier" -> p.subscriptionIdentifier = once(p.subscriptionIdentifier, where,
                    (int) number(value, 1, 268_435_455, where));
            case "content-type" -> p.contentType = once(p.contentType, where, value);
            case "reason-string" -> p.reasonString = once(p.reasonString, where, value);
            case "response-topic" -> {
                if (value.isEmpty() || value.contains("+") || value.contains("#")) {
                    throw new UsageException(where + " is a topic name: not empty, without + or # (not '"
                            + Args.shown(value) + "')");
                }
                p.responseTopic = once(p.responseTopic, where, value);
            }
            case "correlation-data" -> p.correlationData = once(p.correlationData, where,
                    value.getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalStateException("no reader for " + name); // ALLOWED and this switch disagree
        }
    }

    private static <T> T once(T old, String where, T value) throws UsageException {
        if (old != null) {
            throw new UsageException(where + " given twice: MQTT 5 allows it once per packet");
        }
        return value;
    }

    private static long number(String value, long min, long max, String where) throws UsageException {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new UsageException(where + " takes a whole number from " + min + " to " + max + " but was '"
                + Args.shown(value) + "'");
    }
}
