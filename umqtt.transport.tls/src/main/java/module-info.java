/** umqtt.transport.tls (skeleton: filled in by its own issue). */
module umqtt.transport.tls {
    requires umqtt.api;
}
