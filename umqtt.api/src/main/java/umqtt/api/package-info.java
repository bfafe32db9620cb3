/**
 * The umqtt client contract: {@link umqtt.api.MqttClient} and the types it speaks in.
 */
package umqtt.api;
