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
 * <p><b>The in-flight window.</b> {@code send} writes a QoS 1/2 message, copies it into the
 * session and returns while fewer than {@code maxInFlight} messages await acknowledgement; when
 * the window is full it reads (delivering messages, taking acknowledgements) until the oldest
 * message is answered, within the response timeout. A blocking {@code publish} is not held by
 * the window: it waits for its own acknowledgement. So the session holds at most
 * {@code maxInFlight} sent messages and one per thread inside {@code publish}; a reconnect with
 * {@code connect(false)} re-sends them all in their order, with DUP, or PUBREL for those already
 * received, and waits for their acknowledgements.
 */
package umqtt.simple;
