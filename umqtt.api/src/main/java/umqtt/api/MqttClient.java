package umqtt.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A blocking MQTT 3.1.1 client that both publishes and subscribes, after MicroPython's
 * {@code umqtt}.
 *
 * <p>There are no hidden threads: every method does its work on the calling thread and returns
 * when it is done. Messages for subscriptions arrive through the {@link MessageCallback} set with
 * {@link #setCallback}, called from inside {@link #waitMsg()}, {@link #checkMsg()} and the waits
 * of {@link #publish}, {@link #subscribe} and {@link #unsubscribe}. {@code waitMsg} and
 * {@code checkMsg} also keep the connection alive: they send PINGREQ when the keepalive is due
 * and fail with an {@link IOException} when no PINGRESP comes back in time. A thread that only
 * publishes never has to call them.
 *
 * <p>Errors: network failures are {@link IOException}s; protocol failures (a refused connection,
 * a refused subscription, a malformed or unexpected packet, a packet over the size limit) are
 * {@link MqttException}s with a {@linkplain MqttException#code() code}. Misuse (publishing before
 * connecting, QoS 3, a wildcard in a publish topic) is an {@link IllegalArgumentException} or
 * {@link IllegalStateException} whose message says what to do.
 *
 * <p>Sessions: a QoS 1 or 2 publish that fails with an {@code IOException} stays in the client's
 * session. The next {@link #connect(boolean) connect(false)} completes it: re-sent with DUP set
 * when the broker kept the session, published afresh when it did not. The one exception: a
 * message the broker answered with the wrong acknowledgement (PUBACK for QoS 2, say) fails with
 * an {@link MqttException} and leaves the session, so no reconnect sends it again.
 * {@code RobustClient} relies on this to lose nothing across link failures, and to publish
 * nothing twice; implementations must honour it.
 *
 * <p>An implementation is confined to one thread at a time; use from two threads at once is
 * detected and reported with an {@link IllegalStateException}, unless it offers a mode for
 * sharing (as {@code SimpleClient.builder().shared(true)} does).
 */
public interface MqttClient extends AutoCloseable {

    /**
     * Connects with a clean session. Same as {@code connect(true)}.
     *
     * @return whether the broker had a session for this client id (always false here)
     * @throws IOException when the broker cannot be reached; an {@link MqttException} when it
     *     refuses the connection
     */
    default boolean connect() throws IOException {
        return connect(true);
    }

    /**
     * Opens the transport, sends CONNECT and waits for CONNACK, within the client's default
     * connect timeout.
     *
     * @param cleanSession true to start a new session; false to resume the broker's session for
     *     this client id, completing this client's unacknowledged QoS 1 and 2 publishes
     * @return the broker's session-present flag
     * @throws IOException when the broker cannot be reached or does not answer in time; an
     *     {@link MqttException} whose code is the CONNACK return code (1-5) when it refuses
     */
    boolean connect(boolean cleanSession) throws IOException;

    /**
     * As {@link #connect(boolean)}, waiting at most {@code timeout} for the transport and the
     * CONNACK (and, when resuming a session, for the completion of the unfinished publishes).
     *
     * @param cleanSession true to start a new session, false to resume one
     * @param timeout the longest the whole connect may take; positive
     * @return the broker's session-present flag
     * @throws IOException on network failure or timeout; {@link MqttException} on refusal
     */
    boolean connect(boolean cleanSession, Duration timeout) throws IOException;

    /**
     * Sends DISCONNECT and closes the transport. The broker discards the last will. The client
     * can connect again afterwards.
     *
     * @throws IOException when the DISCONNECT cannot be written (the transport is closed anyway)
     */
    void disconnect() throws IOException;

    /**
     * Sends PINGREQ. The PINGRESP is consumed later by {@link #waitMsg()} or {@link #checkMsg()}.
     *
     * @throws IOException on network failure
     */
    void ping() throws IOException;

    /**
     * Publishes {@code msg} to {@code topic} with QoS 0, not retained.
     *
     * @param topic the topic name: not empty, no wildcards, valid UTF-8, at most 65535 bytes
     * @param msg the payload, sent as is
     * @throws IOException on network failure
     */
    default void publish(byte[] topic, byte[] msg) throws IOException {
        publish(topic, msg, false, 0);
    }

    /**
     * Publishes {@code msg} to {@code topic}. With QoS 1 it returns when the PUBACK arrives, with
     * QoS 2 when the PUBCOMP arrives; messages that arrive meanwhile are delivered to the
     * callback. Neither array is copied: do not change them until this method returns.
     *
     * @param topic the topic name: not empty, no wildcards, valid UTF-8, at most 65535 bytes
     * @param msg the payload, sent as is
     * @param retain whether the broker keeps the message for future subscribers
     * @param qos 0, 1 or 2
     * @throws IOException on network failure, or when the acknowledgement does not come in time
     * @throws IllegalArgumentException for an invalid topic or QoS
     * @throws IllegalStateException when not connected
     */
    void publish(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException;

    /**
     * As {@link #publish(byte[], byte[], boolean, int)} with the topic encoded as UTF-8.
     *
     * @param topic the topic name
     * @param msg the payload
     * @param retain whether the broker keeps the message
     * @param qos 0, 1 or 2
     * @throws IOException on network failure
     */
    default void publish(String topic, byte[] msg, boolean retain, int qos) throws IOException {
        publish(topic.getBytes(StandardCharsets.UTF_8), msg, retain, qos);
    }

    /**
     * As {@link #publish(byte[], byte[])} with the topic encoded as UTF-8.
     *
     * @param topic the topic name
     * @param msg the payload
     * @throws IOException on network failure
     */
    default void publish(String topic, byte[] msg) throws IOException {
        publish(topic, msg, false, 0);
    }

    /**
     * Publishes without waiting for the acknowledgement: the pipelined form of
     * {@link #publish(byte[], byte[], boolean, int)}. While fewer than the client's in-flight
     * window of QoS 1 and 2 messages await their acknowledgement, the PUBLISH is written and the
     * call returns at once; when the window is full it first reads (delivering messages and taking
     * acknowledgements, as {@link #waitMsg()} does) until a slot frees, each wait bounded by the
     * response timeout. Acknowledgements are also taken by every other call that reads; the
     * {@link #setAckListener listener} hears of each, and {@link #flush(Duration)} waits for all.
     * Messages reach the broker in the order of the calls.
     *
     * <p>Tickets count the calls: each send that passes its argument and state checks takes the
     * next number (1, 2, 3, ...), also when it then throws an {@link IOException}, so a caller that
     * counts its sends knows every ticket. A QoS 1 or 2 message that took a ticket is in the
     * session: an {@code IOException} from {@code send} leaves it there for
     * {@link #connect(boolean) connect(false)} to complete, like a failed {@code publish}. Unlike
     * {@code publish}, QoS 1 and 2 sends copy the arrays, so the caller may reuse them at once; a
     * QoS 0 send copies nothing and allocates nothing.
     *
     * <p>This default does not pipeline: it says so with an {@link UnsupportedOperationException}.
     *
     * @param topic the topic name: not empty, no wildcards, valid UTF-8, at most 65535 bytes
     * @param msg the payload
     * @param retain whether the broker keeps the message for future subscribers
     * @param qos 0, 1 or 2
     * @return the message's ticket, positive
     * @throws IOException on network failure, or when no acknowledgement frees a slot in time
     * @throws IllegalArgumentException for an invalid topic or QoS
     * @throws IllegalStateException when not connected
     */
    default long send(byte[] topic, byte[] msg, boolean retain, int qos) throws IOException {
        throw new UnsupportedOperationException(getClass().getName() + " does not pipeline publishes: use publish");
    }

    /**
     * As {@link #send(byte[], byte[], boolean, int)} with the topic encoded as UTF-8.
     *
     * @param topic the topic name
     * @param msg the payload
     * @param retain whether the broker keeps the message
     * @param qos 0, 1 or 2
     * @return the message's ticket
     * @throws IOException on network failure
     */
    default long send(String topic, byte[] msg, boolean retain, int qos) throws IOException {
        return send(topic.getBytes(StandardCharsets.UTF_8), msg, retain, qos);
    }

    /**
     * Waits until every QoS 1 and 2 message sent so far is acknowledged, reading meanwhile as
     * {@link #waitMsg()} does (messages are delivered, the keepalive kept).
     *
     * @param timeout the longest to wait; positive
     * @return true when nothing is in flight any more, false when the timeout came first
     * @throws IOException on network failure, or when an acknowledgement does not come within the
     *     response timeout (the messages stay in the session for {@code connect(false)})
     */
    default boolean flush(Duration timeout) throws IOException {
        return inFlight() == 0;
    }

    /**
     * @return how many QoS 1 and 2 messages were sent and are not yet acknowledged
     */
    default int inFlight() {
        return 0;
    }

    /**
     * Sets the listener that hears how each {@link #send sent} message ended. Set it before the
     * first send, and before {@code connect(false)}, which may complete messages of an earlier
     * link.
     *
     * @param listener the listener, not null
     */
    default void setAckListener(AckListener listener) {
        throw new UnsupportedOperationException(getClass().getName() + " does not pipeline publishes");
    }

    /**
     * Subscribes to one topic filter and waits for the SUBACK.
     *
     * @param topic the filter; {@code +} and {@code #} wildcards allowed where MQTT allows them
     * @param qos the maximum QoS wanted, 0-2
     * @return the QoS the broker granted (0-2)
     * @throws MqttException with code {@link MqttException#SUBSCRIPTION_REFUSED} when the broker
     *     refuses the subscription (SUBACK 0x80)
     * @throws IOException on network failure
     * @throws IllegalStateException when no callback is set or not connected
     */
    int subscribe(byte[] topic, int qos) throws IOException;

    /**
     * As {@link #subscribe(byte[], int)} with the filter encoded as UTF-8.
     *
     * @param topic the filter
     * @param qos the maximum QoS wanted, 0-2
     * @return the granted QoS
     * @throws IOException on network failure or refusal
     */
    default int subscribe(String topic, int qos) throws IOException {
        return subscribe(topic.getBytes(StandardCharsets.UTF_8), qos);
    }

    /**
     * Subscribes to several topic filters at once. {@code SimpleClient} sends them in one
     * SUBSCRIBE and waits for one SUBACK; this default subscribes one filter at a time.
     *
     * <p>Unlike {@link #subscribe(byte[], int)}, a filter the broker refuses does not throw: its
     * entry in the result is 0x80 ({@link MqttException#SUBSCRIPTION_REFUSED}), so the caller sees
     * which of the filters took.
     *
     * @param topics the filters, at least one
     * @param qos the maximum QoS wanted for each filter, as many as filters
     * @return per filter, the granted QoS (0-2) or 0x80 when refused
     * @throws IOException on network failure
     * @throws IllegalArgumentException when the arrays are empty or differ in length
     */
    default int[] subscribe(byte[][] topics, int[] qos) throws IOException {
        if (topics.length == 0 || topics.length != qos.length) {
            throw new IllegalArgumentException("subscribe needs one QoS per filter and at least one filter, but got "
                    + topics.length + " filters and " + qos.length + " QoS values");
        }
        int[] granted = new int[topics.length];
        for (int i = 0; i < topics.length; i++) {
            try {
                granted[i] = subscribe(topics[i], qos[i]);
            } catch (MqttException e) {
                if (e.code() != MqttException.SUBSCRIPTION_REFUSED) {
                    throw e;
                }
                granted[i] = MqttException.SUBSCRIPTION_REFUSED;
            }
        }
        return granted;
    }

    /**
     * Unsubscribes from one topic filter and waits for the UNSUBACK.
     *
     * @param topic the filter, exactly as subscribed
     * @throws IOException on network failure
     */
    void unsubscribe(byte[] topic) throws IOException;

    /**
     * As {@link #unsubscribe(byte[])} with the filter encoded as UTF-8.
     *
     * @param topic the filter
     * @throws IOException on network failure
     */
    default void unsubscribe(String topic) throws IOException {
        unsubscribe(topic.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sets the callback that receives messages. Set it before connecting when resuming a session:
     * the broker may deliver queued messages at once. A QoS 1 or 2 message is acknowledged after
     * the callback returns; if it throws, the message is not acknowledged and the exception
     * leaves the method that was delivering it.
     *
     * @param callback the callback, not null
     */
    void setCallback(MessageCallback callback);

    /**
     * Sets the last will, sent with the next CONNECT; the broker publishes it if the connection
     * ends without a DISCONNECT.
     *
     * @param topic the will topic (no wildcards)
     * @param msg the will payload
     * @param retain whether the will is retained
     * @param qos 0, 1 or 2
     */
    void setLastWill(byte[] topic, byte[] msg, boolean retain, int qos);

    /**
     * The blocking main-loop step: waits for one packet from the broker and handles it (a
     * message goes to the callback, acknowledgements and PINGRESP are consumed), sending PINGREQ
     * when the keepalive is due. With keepalive off it may wait forever.
     *
     * @throws IOException on network failure, or when the broker does not answer a PINGREQ in
     *     time; {@link MqttException} for a malformed or unexpected packet
     */
    void waitMsg() throws IOException;

    /**
     * The non-blocking main-loop step: handles one packet if one is waiting, otherwise returns at
     * once (after sending PINGREQ if the keepalive is due).
     *
     * @return true when it handled a packet
     * @throws IOException as {@link #waitMsg()}
     */
    boolean checkMsg() throws IOException;

    /**
     * Closes the transport without DISCONNECT (so the broker publishes the last will) and
     * releases everything. Never throws; the client cannot be used afterwards.
     */
    @Override
    void close();
}
