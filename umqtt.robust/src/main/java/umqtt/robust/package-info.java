/**
 * The reconnecting client: {@link umqtt.robust.RobustClient} and its {@link umqtt.robust.BackoffStrategy}.
 *
 * <p>The rules of {@code RobustClient} beyond retrying, backoff and failover (its class comment):
 *
 * <p><b>What is not retried.</b> Misuse ({@link IllegalArgumentException},
 * {@link IllegalStateException}), exceptions thrown by the callback and a refused subscription
 * ({@link umqtt.api.MqttException#SUBSCRIPTION_REFUSED}) are thrown at once. A refused connection (CONNACK
 * 1, 2, 4, 5) is thrown once {@linkplain RobustClient.Builder#maxRefusals(int) every server} refused; CONNACK 3
 * (server unavailable) is retried like a network failure. Over an MQTT 5 delegate the same holds by
 * reason code: a refused publish, subscription or unsubscription (0x80 and above on its
 * acknowledgement) is thrown at once with the link kept, a CONNACK from 0x80 counts as a refused
 * connection, 0x88 (server unavailable), 0x89 (busy), 0x9C and 0x9D (use another server) as a
 * network failure, and so does the server's DISCONNECT. A protocol error (malformed packet,
 * protocol error, packet too large) is retried up to {@linkplain RobustClient.Builder#maxProtocolErrors(int) 3
 * times} per operation, except where a message provoked it: <em>a protocol error from a publish,
 * or from a reconnect that re-sent its message, is thrown at once and the message is not published
 * again</em> (a broker that answers a QoS 2 PUBLISH with PUBACK has delivered it already). Nor is a
 * QoS 1/2 message sent on and on to a broker that rejects it by closing the link: once the peer
 * closed or reset the link five times while it was out (timeouts and unreachable servers do not
 * count), the publish throws the last failure. Either way the delegate's session, which still
 * holds the message, is discarded at its next connect (clean, then made persistent again, the
 * subscriptions renewed; messages the broker queued for them meanwhile are lost).
 *
 * <p><b>No loss.</b> A QoS 1 or 2 message whose publish failed stays in the delegate's session
 * (see {@link umqtt.api.MqttClient}); the reconnect to that server completes it (re-sent with DUP set when
 * the broker kept the session, published afresh otherwise), so it is not published twice. A QoS 0
 * publish is simply sent again after the reconnect (best effort). After a failover the message is
 * published on the new server too; the first server's delegate completes its copy when it
 * reconnects later, so across servers delivery is at least once. Exactly once for QoS 2 holds
 * wherever the broker kept the session.
 *
 * <p><b>Subscriptions.</b> The client remembers the subscriptions and unsubscriptions made through
 * it, in order. When a reconnect finds no session on the broker, it subscribes again to each before
 * the operation goes on; after a failover, whose session may be stale, it replays the
 * unsubscriptions too. If the callback throws during that renewal, the exception is thrown and the
 * next operation completes the renewal first. {@code connect(true)} forgets them and, by default,
 * makes its new session persistent at once ({@link RobustClient.Builder#persistentSession(boolean)}). Give every
 * delegate a fixed client id: with an empty one the broker keeps no session.
 *
 * <p><b>Sending through outages.</b> {@link RobustClient#send} is the non-blocking publish. While
 * connected it hands the message to the current delegate's {@code send}, which writes it and waits
 * only for a slot in its in-flight window; RobustClient keeps its own copy of each QoS 1/2 message
 * until the broker acknowledged it. When the link fails, send does not sit in the backoff: the
 * message is stored in the offline buffer (at most {@link RobustClient.Builder#maxBufferedMessages}
 * messages and {@link RobustClient.Builder#maxBufferedBytes} bytes of topic and payload) and send
 * returns its ticket. A QoS 1/2 message that the failing delegate took is in that delegate's
 * session instead, like a failed publish. While the link is down, every send, {@code flush},
 * {@code waitMsg} and {@code checkMsg} makes one reconnect attempt (within the connect timeout)
 * when the backoff says the next attempt is due, and schedules the next one when it fails; none
 * of them sleeps for it except {@code waitMsg}, {@code flush} (within its timeout) and a send
 * that found the buffer full under {@link WhenFull#BLOCK}. {@code checkMsg} returns false at once
 * while the next attempt is not due. A non-blocking send never gives up: the policy's attempts
 * and deadline bound the blocking operations and a blocked send only.
 *
 * <p>After a reconnect the delegate's {@code connect(false)} first completes what its session
 * held; then the buffer goes out in order, then the new message: the broker sees each publisher's
 * messages in the order of the sends. A server never gets a message again that it acknowledged,
 * nor one its session still holds. After a failover every message not yet acknowledged goes to
 * the new server too (at least once across servers, like publish); a message that a clean connect
 * discarded from a delegate's session goes back to the head of the buffer, in ticket order. A QoS
 * 1/2 message taken by send is never lost while the process lives, unless the user drops it
 * ({@link WhenFull#DROP_OLDEST}, {@code connect(true)}) or the broker breaks its exchange (an
 * {@link umqtt.api.MqttException}, reported, not sent again); QoS 2 arrives exactly once wherever
 * the broker keeps the session. QoS 0 messages are buffered too, and sent once the link is up
 * (best effort: one written into a link that then broke may be lost). The five-breaks rule above
 * is publish's: a sent message that a broker rejects by closing the link is resumed at each
 * reconnect, which then fails, so the backoff grows to its cap (and a failover sends it on).
 *
 * <p>Tickets count the sends that took their message: 1, 2, 3, ... (a send that throws took
 * nothing, except when the callback or the listener threw inside it). The
 * {@link umqtt.api.AckListener} hears each QoS 1/2 ticket exactly once, however many servers sent
 * the message (a late acknowledgement from a stale server's session is ignored); a QoS 0 ticket
 * only when the message was dropped. {@code inFlight()} counts the messages buffered or sent and
 * not yet ended; {@code flush(timeout)} waits for them, reconnecting and draining as needed.
 * {@code connect(true)} ends every one of them as discarded (the listener hears an
 * {@code IOException}); {@code disconnect()} keeps them for the next connect. Give RobustClient
 * fresh delegates: it numbers their tickets from 1.
 *
 * <p><b>Secrets.</b> Log lines and {@link RobustClient#toString()} name servers by position; a delegate's
 * failure is logged with the user info and query of any URI in it replaced by {@code ***}.
 *
 * <p><b>Threads.</b> One thread at a time, like its delegates; only {@link RobustClient#close()} may come from
 * any thread, and ends a backoff wait at once. An interrupt also ends a backoff wait, with an
 * {@link java.io.InterruptedIOException}; the flag stays set. Time comes from the
 * {@linkplain RobustClient.Builder#timeSource time source}.
 */
package umqtt.robust;
