/**
 * The MQTT 5.0 codec, for both directions (the client and the tests' scripted server): every
 * packet's encoding and decoding ({@link umqtt.mqtt5.codec.PacketEncoder},
 * {@link umqtt.mqtt5.codec.PacketDecoder}), the property table with each identifier's type, the
 * packets that may carry it and the once-rule ({@link umqtt.mqtt5.codec.Property},
 * {@link umqtt.mqtt5.codec.Properties}), the reason codes each packet may carry, and the framing of
 * whole packets with the size limit checked before allocation ({@link umqtt.mqtt5.codec.FrameReader}).
 * Built on {@code umqtt.simple.codec}'s buffer, variable byte integer and UTF-8 check. Not exported.
 */
package umqtt.mqtt5.codec;
