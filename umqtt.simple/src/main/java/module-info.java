/**
 * {@link umqtt.simple.SimpleClient}: the blocking, thread-free MQTT 3.1.1 client.
 *
 * @uses umqtt.api.spi.TransportProvider
 */
module umqtt.simple {
    requires transitive umqtt.api;

    exports umqtt.simple;
    exports umqtt.simple.codec to umqtt.mqtt5;

    uses umqtt.api.spi.TransportProvider;
}
