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
 *
 * <p><b>With RobustClient.</b> An {@code Mqtt5Client} is an {@link umqtt.api.MqttClient}, so
 * {@code RobustClient.wrap(mqtt5Client)} reconnects it, re-sends its QoS 1/2 messages and renews its
 * subscriptions when a session was lost, as for the 3.1.1 client. RobustClient knows only the 3.1.1
 * methods; two things carry the 5.0 parts through it:
 * <ul>
 *   <li>Subscription options and identifiers: declare them on the delegate with
 *       {@link umqtt.mqtt5.Mqtt5Client#subscriptionOptions(Subscription, int)} (subscribing a filter
 *       through a 5.0 method records its options too). The 3.1.1 {@code subscribe} methods, which
 *       RobustClient calls, and so every renewal after a lost session, then send the filter with
 *       them, at the QoS they are given; one SUBSCRIBE per identifier. A filter keeps them until
 *       subscribed with others, also across unsubscribing.</li>
 *   <li>Message properties: set the {@link umqtt.mqtt5.Mqtt5Callback} on the delegate, not a
 *       {@code MessageCallback} on the RobustClient (which would replace it).</li>
 * </ul>
 * <pre>{@code
 * Mqtt5Client m5 = Mqtt5Client.builder().server("mqtt://broker:1883").clientId("c1").build();
 * m5.subscriptionOptions(Subscription.of("cmd/#", 1).withNoLocal(), 7);
 * m5.setCallback((message, properties) -> handle(message, properties.subscriptionIdentifiers()));
 * RobustClient robust = RobustClient.wrap(m5);
 * robust.connect(false);
 * robust.subscribe("cmd/#", 1);   // No Local, identifier 7, also when renewed after a lost session
 * while (running) robust.waitMsg();
 * }</pre>
 * With several delegates (failover), declare the options and set the callback on each.
 *
 * <p><b>Request/response.</b> {@link umqtt.mqtt5.Requester} publishes a request and waits for its
 * response on the same client, with no threads.
 */
package umqtt.mqtt5;
