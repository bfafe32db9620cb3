package umqtt.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code sub -F}'s MQTT 5 property fields ({@code %C %D %E %F %P %R %S}) for a message that has
 * properties, as mosquitto_sub prints them; {@link SubFormat} prints the fields of a message without
 * any itself. {@code %F} prints 1 for UTF-8, blank otherwise (the client does not tell an explicit 0
 * from none). Like every {@code Mqtt5*} class but {@link Mqtt5Module}, not in the minimal images.
 */
final class Mqtt5Format {

    private Mqtt5Format() {
    }

    /**
     * Writes one field.
     *
     * @param s the field's specifier
     * @param properties the message's {@link Mqtt5MessageProperties}
     * @param out where it goes
     */
    static void write(SubFormat.Spec s, Object properties, ByteArrayOutputStream out) {
        Mqtt5MessageProperties props = (Mqtt5MessageProperties) properties;
        switch (s.conversion) {
            case 'C' -> optionalText(out, props.contentType(), s, ' ');
            case 'D' -> {
                if (props.correlationData() != null) {
                    out.writeBytes(props.correlationData());
                }
            }
            case 'E' -> optionalNumber(out, props.messageExpiry(), s);
            case 'F' -> optionalNumber(out, props.payloadFormat(), s);
            case 'P' -> {
                for (int i = 0; i < props.userProperties().size(); i++) {
                    String[] u = props.userProperties().get(i);
                    out.writeBytes(((i > 0 ? " " : "") + u[0] + ":" + u[1]).getBytes(StandardCharsets.UTF_8));
                }
            }
            case 'R' -> optionalText(out, props.responseTopic(), s, (char) 0);
            case 'S' -> optionalNumber(out,
                    props.subscriptionIdentifiers().length == 0 ? -1 : props.subscriptionIdentifiers()[0], s);
            default -> throw new IllegalArgumentException("not an MQTT 5 property field: %" + s.conversion);
        }
    }

    /** A number property: printed when present (0 or more), else blanks (or zeros) to the width, as mosquitto. */
    private static void optionalNumber(ByteArrayOutputStream out, long value, SubFormat.Spec s) {
        if (value >= 0) {
            SubFormat.number(out, value, s);
        } else {
            SubFormat.blank(out, s.pad, s.width);
        }
    }

    /** A text property: printed when present, else {@code absent} to the width (nothing when it is 0). */
    private static void optionalText(ByteArrayOutputStream out, String value, SubFormat.Spec s, char absent) {
        if (value != null) {
            SubFormat.text(out, value.getBytes(StandardCharsets.UTF_8), s);
        } else if (absent != 0) {
            SubFormat.blank(out, absent, s.width);
        }
    }
}
