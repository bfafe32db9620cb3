package umqtt.api;

/**
 * Hears how each message given to {@link MqttClient#send send} ended: acknowledged by the broker,
 * or failed. It is called on the thread of whichever client call read the acknowledgement (send,
 * flush, waitMsg, checkMsg, publish, connect), after the client's state was updated; no thread is
 * started for it. What it throws leaves that call, as the message callback's exceptions do.
 *
 * <p>Each QoS 1 or 2 ticket is reported exactly once; a QoS 0 message has no acknowledgement, so
 * its ticket is reported only when the message is given up before it was written (dropped from
 * {@code RobustClient}'s offline buffer, say).
 */
@FunctionalInterface
public interface AckListener {

    /**
     * One message's end.
     *
     * @param ticket the number {@link MqttClient#send send} returned for it
     * @param failure null when the broker acknowledged it (PUBACK for QoS 1, PUBCOMP, or for a
     *     session the broker lost after PUBREC, PUBREC for QoS 2); otherwise why it will not be: an
     *     {@link MqttException} when the broker broke the exchange, an {@link java.io.IOException}
     *     when the message was discarded (a clean session, a full offline buffer)
     */
    void completed(long ticket, Exception failure);
}
