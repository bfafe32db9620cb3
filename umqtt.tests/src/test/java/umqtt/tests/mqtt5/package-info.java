/**
 * The MQTT 5 client ({@code umqtt.mqtt5.Mqtt5Client}) against the brokers that speak MQTT 5:
 * HiveMQ CE (embedded) and Mosquitto 2 (a child process; MQTT 5 on its normal listener), each test
 * asserting what the broker really does. {@link umqtt.tests.mqtt5.Mqtt5Brokers} lists them;
 * {@link umqtt.tests.mqtt5.ConfiguredMosquitto} starts a Mosquitto with the limits or ACL a test
 * needs; {@link umqtt.tests.mqtt5.Inbox} collects messages with their properties.
 */
package umqtt.tests.mqtt5;
