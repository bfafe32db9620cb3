/**
 * {@link umqtt.robust.RobustClient}: a reconnecting decorator over any {@link umqtt.api.MqttClient}.
 * It backs off (exponential, full jitter, capped), reconnects, resubscribes when the broker lost
 * the session, fails over across servers and retries the operation, so that no QoS 1 or 2 message
 * is lost across link failures. It adds no threads and logs through {@link System.Logger} named
 * {@code umqtt.robust}.
 */
module umqtt.robust {
    requires transitive umqtt.api;

    exports umqtt.robust;
}
