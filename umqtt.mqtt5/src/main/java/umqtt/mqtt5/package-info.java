/**
 * {@link umqtt.mqtt5.Mqtt5Client}, the blocking MQTT 5.0 client with no threads of its own, and the
 * value types of its 5.0 surface.
 *
 * <p><b>Timing and the window</b> are the 3.1.1 client's (see {@code umqtt.simple}): acknowledgements
 * are awaited for the response timeout from the request or the last busy byte; PINGREQ after three
 * quarters of the keepalive without traffic (the server's Server Keep Alive when it sent one), its
 * answer awaited for half of it. The send window is the smaller of {@code maxInFlight} and the
 * server's Receive Maximum (MQTT-3.3.4-7).
 *
 * <p><b>What the server said in CONNACK is honoured before anything is written</b>: Maximum QoS
 * (MQTT-3.2.2-11), Retain Available (MQTT-3.2.2-14), Maximum Packet Size (MQTT-3.2.2-15), Topic Alias
 * Maximum (the client's aliases stay within it and start afresh on every connection, MQTT-3.3.2-7),
 * and wildcard, shared and identified subscriptions. Each is an {@link IllegalArgumentException}
 * saying what to do; nothing is sent.
 *
 * <p><b>What the server breaks is answered with DISCONNECT</b> and its reason (MQTT 5.0, 4.13): 0x81
 * Malformed Packet, 0x82 Protocol Error, 0x93 Receive Maximum exceeded, 0x94 Topic Alias invalid, 0x95
 * Packet too large; the call fails with a {@link umqtt.mqtt5.Mqtt5Exception} of that code, the link
 * is dropped and the session kept for {@code connect(false)}.
 */
package umqtt.mqtt5;
