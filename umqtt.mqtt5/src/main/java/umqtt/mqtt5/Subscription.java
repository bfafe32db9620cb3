package umqtt.mqtt5;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One topic filter of a SUBSCRIBE with its options (MQTT 5.0, 3.8.3.1). A shared subscription is
 * a filter of the form {@code $share/{group}/{filter}}.
 *
 * @param filter the topic filter, UTF-8
 * @param qos the maximum QoS, 0 to 2
 * @param noLocal when true, the broker does not send back the client's own publications
 * @param retainAsPublished when true, forwarded messages keep the retain flag they were published with
 * @param retainHandling 0 send retained messages on subscribing, 1 only when the subscription is
 *     new, 2 never
 */
public record Subscription(byte[] filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {

    /** Send retained messages when subscribing (the default). */
    public static final int SEND_RETAINED = 0;
    /** Send retained messages only when the subscription did not exist. */
    public static final int SEND_RETAINED_IF_NEW = 1;
    /** Never send retained messages for this subscription. */
    public static final int DO_NOT_SEND_RETAINED = 2;

    /** Checks the values are in range. */
    public Subscription {
        Objects.requireNonNull(filter, "filter");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2 but was " + qos);
        }
        if (retainHandling < 0 || retainHandling > 2) {
            throw new IllegalArgumentException("retain handling must be 0, 1 or 2 but was " + retainHandling);
        }
    }

    /**
     * @param filter the topic filter
     * @param qos the maximum QoS
     * @return a subscription with the default options (local messages too, retain flag cleared,
     *     retained messages sent)
     */
    public static Subscription of(String filter, int qos) {
        return new Subscription(filter.getBytes(StandardCharsets.UTF_8), qos, false, false, SEND_RETAINED);
    }

    /** @return this subscription with No Local set: the client's own messages are not sent back */
    public Subscription withNoLocal() {
        return new Subscription(filter, qos, true, retainAsPublished, retainHandling);
    }

    /** @return this subscription with Retain As Published set */
    public Subscription withRetainAsPublished() {
        return new Subscription(filter, qos, noLocal, true, retainHandling);
    }

    /**
     * @param handling {@link #SEND_RETAINED}, {@link #SEND_RETAINED_IF_NEW} or {@link #DO_NOT_SEND_RETAINED}
     * @return this subscription with that Retain Handling
     */
    public Subscription withRetainHandling(int handling) {
        return new Subscription(filter, qos, noLocal, retainAsPublished, handling);
    }

    /** @return the filter as a String */
    public String filterString() {
        return new String(filter, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subscription s && java.util.Arrays.equals(filter, s.filter) && qos == s.qos
                && noLocal == s.noLocal && retainAsPublished == s.retainAsPublished && retainHandling == s.retainHandling;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(filter) * 31 + Objects.hash(qos, noLocal, retainAsPublished, retainHandling);
    }

    @Override
    public String toString() {
        return "Subscription[" + filterString() + ", qos " + qos + (noLocal ? ", no local" : "")
                + (retainAsPublished ? ", retain as published" : "") + ", retain handling " + retainHandling + "]";
    }
}
