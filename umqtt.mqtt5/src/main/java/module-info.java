/**
 * {@link umqtt.mqtt5.Mqtt5Client}: the blocking, thread-free MQTT 5.0 client. It implements
 * {@link umqtt.api.MqttClient}, so code written for the 3.1.1 client (and
 * {@code umqtt.robust.RobustClient}) works with it unchanged, and adds the 5.0 surface: session
 * expiry, Receive Maximum flow control, properties, reason codes, topic aliases, subscription
 * options and identifiers, shared subscriptions, enhanced authentication and request/response.
 *
 * <p>It reuses the 3.1.1 module's packet framing ({@code umqtt.simple.codec}, exported to this
 * module only); the 3.1.1 client carries none of the 5.0 code.
 *
 * @uses umqtt.api.spi.TransportProvider
 */
module umqtt.mqtt5 {
    requires transitive umqtt.api;
    requires umqtt.simple;

    exports umqtt.mqtt5;

    uses umqtt.api.spi.TransportProvider;
}
