/**
 * The MQTT 5.0 client {@link umqtt.mqtt5.Mqtt5Client} and its value types.
 *
 * <p><b>With RobustClient.</b> An {@code Mqtt5Client} is an {@link umqtt.api.MqttClient}, so
 * {@code RobustClient.wrap(mqtt5Client)} reconnects it, re-sends its QoS 1/2 messages and renews its
 * subscriptions when a session was lost, as for the 3.1.1 client. RobustClient knows only the 3.1.1
 * methods; two things carry the 5.0 parts through it:
 * <ul>
 *   <li>Subscription options and identifiers: declare them on the delegate with
 *       {@link umqtt.mqtt5.Mqtt5Client#subscriptionOptions(Subscription, int)} (or subscribe the
 *       filter once through a 5.0 method); the delegate's 3.1.1 {@code subscribe}, which
 *       RobustClient calls, and so every renewal, then sends them.</li>
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
