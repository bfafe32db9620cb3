package umqtt.mqtt5;

import java.util.Objects;

/**
 * A user property: a name and value pair that MQTT 5 packets may carry any number of times, in
 * order, with repeats allowed (MQTT 5.0, 3.1.2.11.8).
 *
 * @param name the name, a UTF-8 string of at most 65,535 bytes
 * @param value the value, a UTF-8 string of at most 65,535 bytes
 */
public record UserProperty(String name, String value) {

    /** Checks both parts are present. */
    public UserProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
