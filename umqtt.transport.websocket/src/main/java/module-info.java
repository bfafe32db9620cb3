/** umqtt.transport.websocket (skeleton: filled in by its own issue). */
module umqtt.transport.websocket {
    requires umqtt.api;
}
