package umqtt.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code "properties"} object of {@code sub -F %j} for an MQTT 5 message, with mosquitto_sub
 * 2.0's keys and cJSON's layout: {@code subscription-identifier}, {@code payload-format-indicator},
 * {@code message-expiry-interval}, {@code content-type}, {@code response-topic},
 * {@code correlation-data} (a string, up to its first NUL, as mosquitto reads it) and
 * {@code user-properties} (an object, a key per property, repeats kept). mosquitto_sub writes them in
 * the order they came in the packet, which the client does not keep: this order is fixed.
 */
final class Mqtt5JsonProperties {

    private Mqtt5JsonProperties() {
    }

    /**
     * Writes {@code ,"properties":{...}} (nothing for a message without properties).
     *
     * @param properties the message's {@link Mqtt5MessageProperties}
     * @param pretty {@code --pretty}: a key a line, indented by tabs, as cJSON prints nested objects
     */
    static void write(ByteArrayOutputStream out, Object properties, boolean pretty) {
        Mqtt5MessageProperties p = (Mqtt5MessageProperties) properties;
        if (!p.any()) {
            return;
        }
        Obj o = new Obj(out, pretty, 1);
        o.key("properties");
        Obj props = new Obj(out, pretty, 2);
        props.open();
        if (p.subscriptionIdentifiers().length > 0) {
            props.key("subscription-identifier");
            ascii(out, Integer.toString(p.subscriptionIdentifiers()[0]));
        }
        if (p.payloadFormat() >= 0) {
            props.key("payload-format-indicator");
            ascii(out, Integer.toString(p.payloadFormat()));
        }
        if (p.messageExpiry() >= 0) {
            props.key("message-expiry-interval");
            ascii(out, Long.toString(p.messageExpiry()));
        }
        props.string("content-type", p.contentType());
        props.string("response-topic", p.responseTopic());
        if (p.correlationData() != null) {
            byte[] c = p.correlationData();
            int nul = 0;
            while (nul < c.length && c[nul] != 0) {
                nul++;
            }
            props.key("correlation-data");
            SubJson.string(out, Arrays.copyOf(c, nul));
        }
        if (!p.userProperties().isEmpty()) {
            props.key("user-properties");
            Obj user = new Obj(out, pretty, 3);
            user.open();
            for (String[] u : p.userProperties()) {
                user.string(u[0], u[1]);
            }
            user.close();
        }
        props.close();
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** One JSON object being written at a nesting depth (1: the message's own keys). */
    private static final class Obj {
        private final ByteArrayOutputStream out;
        private final boolean pretty;
        private final int depth;
        private boolean first = true;

        Obj(ByteArrayOutputStream out, boolean pretty, int depth) {
            this.out = out;
            this.pretty = pretty;
            this.depth = depth;
            this.first = depth > 1;
        }

        void open() {
            out.write('{');
        }

        void key(String name) {
            ascii(out, first ? "" : ",");
            first = false;
            if (pretty) {
                ascii(out, "\n" + "\t".repeat(depth));
            }
            SubJson.string(out, name.getBytes(StandardCharsets.UTF_8));
            ascii(out, pretty ? ":\t" : ":");
        }

        void string(String name, String value) {
            if (value != null) {
                key(name);
                SubJson.string(out, value.getBytes(StandardCharsets.UTF_8));
            }
        }

        void close() {
            if (pretty) {
                ascii(out, "\n" + "\t".repeat(depth - 1));
            }
            out.write('}');
        }
    }
}
