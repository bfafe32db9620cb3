package umqtt.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import umqtt.api.Message;

/**
 * {@code sub -F %j}: a message as one line of JSON, with mosquitto_sub 2.0's keys in its order
 * ({@code tst topic qos retain payloadlen payload}) and its escaping (cJSON's: {@code \" \\ \b
 * \f \n \r \t}, other control characters as {@code \}{@code u00xx}, everything else as is).
 *
 * <p>Where mosquitto 2.0.11 prints something that is not JSON, this prints valid JSON instead:
 * a payload that is not UTF-8 is an array of its byte values (as later mosquitto versions print a
 * payload they cannot show as a string) rather than raw bytes in a string, and a NUL byte is
 * {@code \}{@code u0000} rather than the end of the payload. {@code mid}, which mosquitto adds for
 * QoS 1 and 2, is left out: the client does not expose the packet id. {@code tst} is the local
 * time with mosquitto's quirk kept: a {@code Z} and then the zone offset.
 */
final class SubJson {

    private static final DateTimeFormatter TST = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'xx",
            Locale.ROOT);

    private SubJson() {
    }

    /**
     * @param m the message
     * @param now when it arrived, in the local time zone
     * @param pretty {@code --pretty}: one key a line, indented by a tab, as cJSON prints (and mosquitto_sub)
     * @return the JSON object, without a newline after it
     */
    static byte[] line(Message m, ZonedDateTime now, boolean pretty) {
        return line(m, now, pretty, false);
    }

    /**
     * @param m the message
     * @param now when it arrived, in the local time zone
     * @param pretty {@code --pretty}: one key a line, indented by a tab, as cJSON prints (and mosquitto_sub)
     * @param payloadIsJson {@code %J}: the payload is JSON, written as a value ({@link JsonPayload}), not a string
     * @return the JSON object, without a newline after it; null for {@code %J} when the payload is not JSON
     */
    static byte[] line(Message m, ZonedDateTime now, boolean pretty, boolean payloadIsJson) {
        return line(m, null, now, pretty, payloadIsJson);
    }

    /**
     * As {@link #line(Message, ZonedDateTime, boolean, boolean)} for an MQTT 5 message: its
     * properties go in a {@code "properties"} object before the payload, as mosquitto_sub writes them
     * ({@link Mqtt5JsonProperties}).
     */
    static byte[] line(Message m, Object props, ZonedDateTime now, boolean pretty, boolean payloadIsJson) {
        String open = pretty ? "{\n\t" : "{";
        String is = pretty ? ":\t" : ":";
        String next = pretty ? ",\n\t" : ",";
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + m.payload().length * 2);
        ascii(out, open + "\"tst\"" + is + "\"" + TST.format(now) + "\"" + next + "\"topic\"" + is);
        string(out, m.topic());
        ascii(out, next + "\"qos\"" + is + m.qos() + next + "\"retain\"" + is + (m.retained() ? 1 : 0)
                + next + "\"payloadlen\"" + is + m.payload().length);
        if (props != null) {
            Mqtt5JsonProperties.write(out, props, pretty);
        }
        ascii(out, next + "\"payload\"" + is);
        byte[] p = m.payload();
        if (p.length == 0) {
            ascii(out, "null");
        } else if (payloadIsJson) {
            byte[] json = JsonPayload.reformat(p, pretty, 1);
            if (json == null) {
                return null;
            }
            out.writeBytes(json);
        } else if (utf8(p)) {
            string(out, p);
        } else {
            out.write('[');
            for (int i = 0; i < p.length; i++) {
                ascii(out, (i == 0 ? "" : pretty ? ", " : ",") + (p[i] & 0xff));
            }
            out.write(']');
        }
        ascii(out, pretty ? "\n}" : "}");
        return out.toByteArray();
    }

    /** A JSON string of UTF-8 bytes, escaped as cJSON escapes. */
    static void string(ByteArrayOutputStream out, byte[] utf8) {
        out.write('"');
        for (byte b : utf8) {
            switch (b) {
                case '"' -> ascii(out, "\\\"");
                case '\\' -> ascii(out, "\\\\");
                case '\b' -> ascii(out, "\\b");
                case '\f' -> ascii(out, "\\f");
                case '\n' -> ascii(out, "\\n");
                case '\r' -> ascii(out, "\\r");
                case '\t' -> ascii(out, "\\t");
                default -> {
                    if (b >= 0 && b < 0x20) {
                        ascii(out, String.format(Locale.ROOT, "\\u%04x", b));
                    } else {
                        out.write(b);
                    }
                }
            }
        }
        out.write('"');
    }

    /** Whether the bytes are well-formed UTF-8 (no overlong forms, no surrogates). */
    static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
