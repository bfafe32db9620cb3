package umqtt.bench.harness;

import java.nio.charset.StandardCharsets;

/**
 * A topic in both forms, built once, so no contender pays for a conversion the others skip.
 *
 * @param name the topic as a String
 * @param bytes its UTF-8 bytes
 */
public record Topic(String name, byte[] bytes) {

    /**
     * A topic from its name.
     *
     * @param name the name
     * @return the topic
     */
    public static Topic of(String name) {
        return new Topic(name, name.getBytes(StandardCharsets.UTF_8));
    }
}
