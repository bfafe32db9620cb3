/**
 * {@link umqtt.simple.SimpleClient}, the blocking MQTT 3.1.1 client with no threads of its own.
 *
 * <p><b>Timing, without threads.</b> Every deadline is measured from the event it belongs to.
 * An acknowledgement (PUBACK, PUBREC, PUBCOMP, SUBACK, UNSUBACK) is awaited for the response
 * timeout (30 s by default) from when its request was written, or from the last byte received if
 * that came later (a PINGRESP aside: pings prove the link alive, not that the answer is coming).
 * {@code waitMsg}, {@code checkMsg} and every wait for an acknowledgement send PINGREQ once the
 * link has been quiet (nothing sent or nothing received) for three quarters of the keepalive, and
 * await its PINGRESP for half the keepalive from the PINGREQ: a dead link is found within 1.25
 * times the keepalive, and only by a read that found nothing. Any packet proves the link alive, and
 * a PINGRESP is consumed whenever it is read (after {@code ping()} too), so a client idle for any
 * length of time publishes, subscribes and pings without error.
 *
 * <p><b>The in-flight window.</b> {@code maxInFlight} is how many QoS 1/2 messages the broker is
 * sent at most before their acknowledgement (PUBACK, or PUBCOMP): brokers enforce such a limit
 * (Mosquitto's {@code max_inflight_messages}, 20 by default, answers the QoS 2 PUBLISH over it with
 * a PUBREC and drops it), so the client never goes over it. {@code send} and {@code publish} wait
 * for a slot (reading: delivering messages, taking acknowledgements) before they write, each wait
 * within the response timeout; {@code send} then returns, and on a client used by one thread waits
 * again, when its message filled the window, until a slot frees, so that a message its callback
 * publishes meanwhile goes out after it. A reconnect with {@code connect(false)} re-sends the
 * session's messages in their order (DUP where they were sent before, PUBREL for those received)
 * within the window too, and waits for their acknowledgements. The session holds the window's
 * messages, and one more per call that a failed link interrupted while it waited for a slot.
 */
package umqtt.simple;
