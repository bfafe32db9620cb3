/**
 * {@link umqtt.simple.SimpleClient}: the blocking, thread-free MQTT 3.1.1 client.
 *
 * @uses umqtt.api.spi.TransportProvider
 */
module umqtt.simple {
    requires transitive umqtt.api;

    exports umqtt.simple;

    uses umqtt.api.spi.TransportProvider;
}
