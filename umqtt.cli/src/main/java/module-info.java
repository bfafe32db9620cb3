/**
 * The {@code umqtt} command: {@code umqtt pub} and {@code umqtt sub}, with the options of
 * {@code mosquitto_pub} and {@code mosquitto_sub}, and {@code umqtt bench}, a load generator. MQTT
 * 3.1.1, or MQTT 5 with {@code -V mqttv5} when the module {@code umqtt.mqtt5} is present. Transports are those installed next to it
 * (on the module path, the class path, or in the jlink image): TCP always, TLS and WebSocket
 * when their modules are present.
 *
 * @uses umqtt.api.spi.TransportProvider the transports for the server URI's scheme
 */
module umqtt.cli {
    requires umqtt.simple;
    requires umqtt.robust;
    // -V mqttv5 only: not needed at run time (the minimal image leaves it out; Mqtt5Module checks for it)
    requires static umqtt.mqtt5;
    requires HdrHistogram; // umqtt bench's latency percentiles (made an explicit module for jlink)

    exports umqtt.cli;

    uses umqtt.api.spi.TransportProvider;
}
