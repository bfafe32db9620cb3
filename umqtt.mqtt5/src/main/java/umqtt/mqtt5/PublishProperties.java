package umqtt.mqtt5;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The properties of an MQTT 5 PUBLISH (MQTT 5.0, 3.3.2.3) and of a will message: immutable; build
 * one with {@link #builder()}. {@link #NONE} (no properties) costs nothing to send.
 *
 * <p>The Topic Alias is not here: the client manages aliases itself. Subscription identifiers only
 * appear on messages the client receives.
 */
public final class PublishProperties {

    /** No message expiry: the message lives until it is delivered. */
    public static final long NO_EXPIRY = -1;

    /** No properties at all. */
    public static final PublishProperties NONE = new Builder().build();

    private final boolean utf8Payload;
    private final long messageExpiry;
    private final String contentType;
    private final String responseTopic;
    private final byte[] correlationData;
    private final List<UserProperty> userProperties;
    private final int[] subscriptionIdentifiers;

    private PublishProperties(Builder b) {
        this.utf8Payload = b.utf8Payload;
        this.messageExpiry = b.messageExpiry;
        this.contentType = b.contentType;
        this.responseTopic = b.responseTopic;
        this.correlationData = b.correlationData;
        this.userProperties = List.copyOf(b.userProperties);
        this.subscriptionIdentifiers = b.subscriptionIdentifiers;
    }

    /** @return a builder with nothing set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these properties, to change some */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.utf8Payload = utf8Payload;
        b.messageExpiry = messageExpiry;
        b.contentType = contentType;
        b.responseTopic = responseTopic;
        b.correlationData = correlationData;
        b.userProperties.addAll(userProperties);
        b.subscriptionIdentifiers = subscriptionIdentifiers;
        return b;
    }

    /** @return true when the Payload Format Indicator says UTF-8 text (1), false for unspecified bytes (0) */
    public boolean utf8Payload() {
        return utf8Payload;
    }

    /** @return the Message Expiry Interval in seconds, or {@link #NO_EXPIRY} */
    public long messageExpiry() {
        return messageExpiry;
    }

    /** @return the Content Type, or null */
    public String contentType() {
        return contentType;
    }

    /** @return the Response Topic, or null */
    public String responseTopic() {
        return responseTopic;
    }

    /** @return a copy of the Correlation Data, or null */
    public byte[] correlationData() {
        return correlationData == null ? null : correlationData.clone();
    }

    /** @return the User Properties in their order (immutable, empty when none) */
    public List<UserProperty> userProperties() {
        return userProperties;
    }

    /** @return the Subscription Identifiers of the subscriptions a received message matched (empty when none) */
    public int[] subscriptionIdentifiers() {
        return subscriptionIdentifiers.clone();
    }

    /** @return true when no property is set */
    public boolean isEmpty() {
        return !utf8Payload && messageExpiry == NO_EXPIRY && contentType == null && responseTopic == null
                && correlationData == null && userProperties.isEmpty() && subscriptionIdentifiers.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublishProperties p && utf8Payload == p.utf8Payload && messageExpiry == p.messageExpiry
                && Objects.equals(contentType, p.contentType) && Objects.equals(responseTopic, p.responseTopic)
                && Arrays.equals(correlationData, p.correlationData) && userProperties.equals(p.userProperties)
                && Arrays.equals(subscriptionIdentifiers, p.subscriptionIdentifiers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(utf8Payload, messageExpiry, contentType, responseTopic, userProperties)
                + 31 * Arrays.hashCode(correlationData) + Arrays.hashCode(subscriptionIdentifiers);
    }

    /** Lists what is set; correlation data by its length only. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("PublishProperties[");
        if (utf8Payload) {
            s.append("utf8, ");
        }
        if (messageExpiry != NO_EXPIRY) {
            s.append("expiry ").append(messageExpiry).append(" s, ");
        }
        if (contentType != null) {
            s.append("content type ").append(contentType).append(", ");
        }
        if (responseTopic != null) {
            s.append("response topic ").append(responseTopic).append(", ");
        }
        if (correlationData != null) {
            s.append("correlation data ").append(correlationData.length).append(" bytes, ");
        }
        if (!userProperties.isEmpty()) {
            s.append("user properties ").append(userProperties).append(", ");
        }
        if (subscriptionIdentifiers.length > 0) {
            s.append("subscription identifiers ").append(Arrays.toString(subscriptionIdentifiers)).append(", ");
        }
        if (s.charAt(s.length() - 1) == ' ') {
            s.setLength(s.length() - 2);
        }
        return s.append(']').toString();
    }

    /** Builds {@link PublishProperties}. */
    public static final class Builder {
        private boolean utf8Payload;
        private long messageExpiry = NO_EXPIRY;
        private String contentType;
        private String responseTopic;
        private byte[] correlationData;
        private final List<UserProperty> userProperties = new ArrayList<>();
        private int[] subscriptionIdentifiers = new int[0];

        private Builder() {
        }

        /**
         * @param utf8 true: the payload is UTF-8 text (Payload Format Indicator 1), which the
         *     broker may check
         * @return this builder
         */
        public Builder utf8Payload(boolean utf8) {
            this.utf8Payload = utf8;
            return this;
        }

        /**
         * @param seconds the Message Expiry Interval, 0 to 4,294,967,295, or {@link #NO_EXPIRY}
         * @return this builder
         */
        public Builder messageExpiry(long seconds) {
            if (seconds != NO_EXPIRY && (seconds < 0 || seconds > 0xFFFF_FFFFL)) {
                throw new IllegalArgumentException("message expiry must be 0 to 4294967295 seconds (or NO_EXPIRY) but was "
                        + seconds);
            }
            this.messageExpiry = seconds;
            return this;
        }

        /**
         * @param type the Content Type (e.g. a MIME type), or null for none
         * @return this builder
         */
        public Builder contentType(String type) {
            this.contentType = type;
            return this;
        }

        /**
         * @param topic the Response Topic the receiver should answer on (a topic name, no
         *     wildcards), or null for none
         * @return this builder
         */
        public Builder responseTopic(String topic) {
            if (topic != null && (topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0)) {
                throw new IllegalArgumentException("a response topic is a topic name, not empty and without wildcards, but was '"
                        + topic + "'");
            }
            this.responseTopic = topic;
            return this;
        }

        /**
         * @param data the Correlation Data (copied), or null for none
         * @return this builder
         */
        public Builder correlationData(byte[] data) {
            this.correlationData = data == null ? null : data.clone();
            return this;
        }

        /**
         * Adds a User Property; names may repeat.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder userProperty(String name, String value) {
            userProperties.add(new UserProperty(name, value));
            return this;
        }

        /**
         * Sets the Subscription Identifiers; the client's decoder uses this for received messages,
         * and a client never sends them (MQTT-3.3.4-6).
         *
         * @param ids the identifiers, 1 to 268,435,455 each
         * @return this builder
         */
        public Builder subscriptionIdentifiers(int... ids) {
            for (int id : ids) {
                if (id < 1 || id > 268_435_455) {
                    throw new IllegalArgumentException("a subscription identifier is 1 to 268435455 but was " + id);
                }
            }
            this.subscriptionIdentifiers = ids.clone();
            return this;
        }

        /** @return the properties */
        public PublishProperties build() {
            return new PublishProperties(this);
        }
    }
}
