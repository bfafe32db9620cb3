package umqtt.tests.brokers;

import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * Where a broker breaks MQTT 3.1.1 in a way no client can make up for. A test checks everything
 * up to the point the deviation makes unknowable, then calls {@link #assumeAbsentIn(Broker)},
 * which skips the rest for the brokers known to deviate (and says why). Each was reproduced with
 * raw packets and with {@code mosquitto_pub}/{@code mosquitto_sub}, not only with our client.
 */
public enum BrokerDeviation {

    /**
     * A message published at QoS 2 and matched by a wildcard filter granted QoS 1 is delivered at
     * QoS 2, where MQTT 3.1.1 §3.8.4 requires the minimum of the two (also seen with
     * {@code mosquitto_sub -t 'a/+' -q 1}). aedes 1.2.0 looks the granted QoS up by the message's
     * topic instead of the matching filter, so only exact filters are downgraded.
     */
    QOS_NOT_DOWNGRADED_TO_THE_GRANTED_QOS(
            "delivers a QoS 2 message at QoS 2 through a wildcard filter granted QoS 1 (MQTT 3.1.1 §3.8.4)",
            Aedes.NAME),

    /**
     * After a complete QoS 2 exchange towards a subscriber (PUBLISH, PUBREC, PUBREL, PUBCOMP), a link
     * cut right afterwards makes the broker send the PUBLISH again, same packet id, without DUP, on
     * the next {@code connect(false)} [MQTT-4.3.3-1]; the receiver has released that id, so no client
     * can tell it from a new message, and "exactly once" is lost; a later message the broker sends
     * under the same id while the receiver holds it for the stale copy looks like a re-send, so even
     * "at least once" can fail. aedes 1.2.0 does it to the last of two or more QoS 2 messages in flight.
     */
    QOS2_PUBLISH_SENT_AGAIN_AFTER_PUBREL(
            "sends a QoS 2 PUBLISH again after its PUBREL was answered, when the link is cut right after "
                    + "[MQTT-4.3.3-1]", Aedes.NAME);

    private final String what;
    private final Set<String> brokers;

    BrokerDeviation(String what, String... brokers) {
        this.what = what;
        this.brokers = Set.of(brokers);
    }

    /**
     * @param broker a broker
     * @return whether that broker is known to deviate this way
     */
    public boolean in(Broker broker) {
        return brokers.contains(Objects.requireNonNull(broker, "broker").name());
    }

    /**
     * Skips the rest of the calling test when the broker is known to deviate this way.
     *
     * @param broker the broker under test
     */
    public void assumeAbsentIn(Broker broker) {
        Assumptions.assumeFalse(in(broker), () -> broker.name() + " " + what + ": known broker deviation "
                + name() + ", the rest of this test cannot hold there");
    }
}
