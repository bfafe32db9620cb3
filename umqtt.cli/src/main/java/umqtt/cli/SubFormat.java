package umqtt.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import umqtt.api.Message;

/**
 * {@code sub -F FORMAT}: prints each message as the format says, as {@code mosquitto_sub -F}
 * does. {@code %} starts a message field ({@code %t %p %q %r %l %m %x %X %I %U %j %%}, with
 * mosquitto's optional {@code -}, {@code 0}, width and {@code .precision}), {@code @} a time field
 * ({@link SubTime}), {@code \} an escape ({@code \\ \0 \a \e \n \r \t \v}). The format is checked
 * once, when the command line is read; bad ones get mosquitto's error messages.
 *
 * <p>Where mosquitto 2.0's code departs from its own manual, this follows the manual: a field
 * width is a minimum (mosquitto cuts {@code %p}, {@code %x} and {@code %X} to it), and for
 * {@code %x}/{@code %X} it counts hex digits. The MQTT 5 property fields ({@code %A %C %D %E %F
 * %P %R %S}) print what mosquitto prints for a message without properties (every MQTT 3.1.1
 * message), and an MQTT 5 message's properties through {@link Mqtt5Format}, which the minimal
 * images leave out; {@code %A} is always blank, as the client resolves topic aliases itself. {@code %m} is the packet id, which the client does not expose: it prints 0 for QoS
 * 0 (as mosquitto) and nothing (blanks to the width) for QoS 1 and 2.
 */
final class SubFormat {

    /** One piece of the format: literal bytes, or a field of the message or the time. */
    private interface Part {
        void write(Message m, Object props, ZonedDateTime now, ByteArrayOutputStream out,
                Consumer<String> errors);
    }

    private final List<Part> parts;
    private final boolean usesTime;

    private SubFormat(List<Part> parts, boolean usesTime) {
        this.parts = parts;
        this.usesTime = usesTime;
    }

    /**
     * Checks and compiles a format.
     *
     * @param format the format, as given to {@code -F}
     * @return the compiled format
     * @throws UsageException for an incomplete or unknown specifier or escape
     */
    static SubFormat compile(String format) throws UsageException {
        return compile(format, false);
    }

    /**
     * Checks and compiles a format.
     *
     * @param format the format, as given to {@code -F}
     * @param pretty {@code --pretty}: {@code %j} prints one key a line
     * @return the compiled format
     * @throws UsageException for an incomplete or unknown specifier or escape
     */
    static SubFormat compile(String format, boolean pretty) throws UsageException {
        List<Part> parts = new ArrayList<>();
        ByteArrayOutputStream literal = new ByteArrayOutputStream();
        boolean usesTime = false;
        byte[] f = format.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < f.length; i++) {
            byte c = f[i];
            if (c != '%' && c != '@' && c != '\\') {
                literal.write(c);
                continue;
            }
            if (i == f.length - 1) {
                throw new UsageException(c == '\\' ? "-F: incomplete escape at the end of the format (write \\\\ for a \\)"
                        : "-F: incomplete format specifier at the end of the format (write " + (char) c + (char) c
                        + " for a " + (char) c + ")");
            }
            if (c == '\\') {
                literal.write(escape(f[++i]));
                continue;
            }
            if (c == '@') {
                if (f[i + 1] == '@') {
                    literal.write('@');
                } else {
                    flush(literal, parts);
                    SubTime.Field time = SubTime.field((char) (f[i + 1] & 0xff));
                    parts.add((m, props, now, out, errors) -> time.write(now, out));
                    usesTime = true;
                }
                i++;
                continue;
            }
            Spec spec = new Spec();
            i = spec.read(f, i + 1);
            if (spec.conversion == '%') {
                literal.write('%');
                continue;
            }
            flush(literal, parts);
            parts.add(field(spec, pretty));
            usesTime |= "IUjJ".indexOf(spec.conversion) >= 0;
        }
        flush(literal, parts);
        return new SubFormat(List.copyOf(parts), usesTime);
    }

    /** @return whether the format prints the time (so the caller reads the clock only then) */
    boolean usesTime() {
        return usesTime;
    }

    /**
     * Formats one message (without the newline that {@code -N} leaves off).
     *
     * @param m the message
     * @param now when it arrived, in the local time zone
     * @return the bytes to print
     */
    byte[] format(Message m, ZonedDateTime now) {
        return format(m, now, e -> { });
    }

    /**
     * Formats one message (without the newline that {@code -N} leaves off).
     *
     * @param m the message
     * @param now when it arrived, in the local time zone
     * @param errors told when a field cannot be printed ({@code %J} of a payload that is not
     *     JSON: the field is left out, as mosquitto_sub leaves it)
     * @return the bytes to print
     */
    byte[] format(Message m, ZonedDateTime now, Consumer<String> errors) {
        return format(m, null, now, errors);
    }

    /**
     * Formats one MQTT 5 message (without the newline that {@code -N} leaves off).
     *
     * @param m the message
     * @param props its properties (an {@link Mqtt5MessageProperties}) for {@code %C %D %E %F %P %R %S},
     *     or null for none
     * @param now when it arrived, in the local time zone
     * @param errors told when a field cannot be printed
     * @return the bytes to print
     */
    byte[] format(Message m, Object props, ZonedDateTime now, Consumer<String> errors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + m.payload().length * 2);
        for (Part p : parts) {
            p.write(m, props, now, out, errors);
        }
        return out.toByteArray();
    }

    private static void flush(ByteArrayOutputStream literal, List<Part> parts) {
        if (literal.size() > 0) {
            byte[] bytes = literal.toByteArray();
            parts.add((m, props, now, out, errors) -> out.writeBytes(bytes));
            literal.reset();
        }
    }

    private static int escape(byte c) throws UsageException {
        return switch (c) {
            case '\\' -> '\\';
            case '0' -> 0;
            case 'a' -> 7;
            case 'e' -> 27;
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 11;
            default -> throw new UsageException("-F: invalid escape \\" + (char) (c & 0xff)
                    + ": use \\\\ \\0 \\a \\e \\n \\r \\t or \\v");
        };
    }

    /** A {@code %} specifier: {@code %[-][0][width][.precision]conversion}. */
    static final class Spec {
        boolean left;
        char pad = ' ';
        int width;
        int precision = -1;
        char conversion;

        /** Reads the specifier after its {@code %}; returns the index of its conversion character. */
        int read(byte[] f, int i) throws UsageException {
            if (f[i] == '-') {
                left = true;
                i = next(f, i);
            }
            if (f[i] == '0') {
                pad = '0';
                i = next(f, i);
            }
            while (f[i] >= '0' && f[i] <= '9') {
                width = Math.min(width * 10 + f[i] - '0', 1_000_000);
                i = next(f, i);
            }
            if (f[i] == '.') {
                precision = 0;
                i = next(f, i);
                while (f[i] >= '0' && f[i] <= '9') {
                    precision = Math.min(precision * 10 + f[i] - '0', 1_000_000);
                    i = next(f, i);
                }
            }
            conversion = (char) (f[i] & 0xff);
            return i;
        }

        private static int next(byte[] f, int i) throws UsageException {
            if (i + 1 >= f.length) {
                throw new UsageException("-F: incomplete format specifier at the end of the format");
            }
            return i + 1;
        }
    }

    private static Part field(Spec s, boolean pretty) throws UsageException {
        return switch (s.conversion) {
            case 't' -> (m, props, now, out, errors) -> text(out, m.topic(), s);
            case 'p' -> (m, props, now, out, errors) -> pad(out, m.payload(), s.left, s.pad, s.width);
            case 'x' -> (m, props, now, out, errors) -> pad(out, hex(m.payload(), "0123456789abcdef"), s.left, s.pad, s.width);
            case 'X' -> (m, props, now, out, errors) -> pad(out, hex(m.payload(), "0123456789ABCDEF"), s.left, s.pad, s.width);
            case 'q' -> (m, props, now, out, errors) -> out.write('0' + m.qos());
            case 'r' -> (m, props, now, out, errors) -> out.write(m.retained() ? '1' : '0');
            case 'l' -> (m, props, now, out, errors) -> number(out, m.payload().length, s);
            case 'm' -> (m, props, now, out, errors) -> {
                if (m.qos() == 0) {
                    number(out, 0, s);
                } else {
                    blank(out, s.pad, s.width);
                }
            };
            case 'I' -> (m, props, now, out, errors) -> text(out, SubTime.iso(now).getBytes(StandardCharsets.US_ASCII), s);
            case 'U' -> (m, props, now, out, errors) -> out.writeBytes(SubTime.unix(now).getBytes(StandardCharsets.US_ASCII));
            case 'j' -> (m, props, now, out, errors) -> out.writeBytes(SubJson.line(m, props, now, pretty, false));
            // MQTT 5 properties: when absent (always in 3.1.1), mosquitto prints blanks or nothing.
            case 'A' -> (m, props, now, out, errors) -> blank(out, s.pad, s.width); // the client resolves aliases
            case 'C', 'D', 'E', 'F', 'P', 'R', 'S' -> (m, props, now, out, errors) -> {
                if (props != null) {
                    Mqtt5Format.write(s, props, out);
                } else if (s.conversion == 'C') {
                    blank(out, ' ', s.width);
                } else if (s.conversion == 'E' || s.conversion == 'F' || s.conversion == 'S') {
                    blank(out, s.pad, s.width);
                } // %D %P %R: nothing
            };
            case 'J' -> (m, props, now, out, errors) -> {
                byte[] json = SubJson.line(m, props, now, pretty, true);
                if (json == null) {
                    errors.accept("Error: Message payload is not valid JSON on topic " + m.topicString() + ".");
                } else {
                    out.writeBytes(json);
                }
            };
            default -> throw new UsageException("-F: invalid format specifier '" + s.conversion
                    + "': use %t %p %q %r %l %m %x %X %I %U %j %J or %%");
        };
    }

    /** A string field: at most {@code precision} bytes, padded with blanks to {@code width}. */
    static void text(ByteArrayOutputStream out, byte[] value, Spec s) {
        int n = s.precision >= 0 ? Math.min(s.precision, value.length) : value.length;
        byte[] cut = n == value.length ? value : java.util.Arrays.copyOf(value, n);
        pad(out, cut, s.left, ' ', s.width);
    }

    static void number(ByteArrayOutputStream out, long value, Spec s) {
        pad(out, Long.toString(value).getBytes(StandardCharsets.US_ASCII), s.left, s.left ? ' ' : s.pad, s.width);
    }

    static void pad(ByteArrayOutputStream out, byte[] value, boolean left, char pad, int width) {
        int padding = Math.max(0, width - value.length);
        if (!left) {
            blank(out, pad, padding);
        }
        out.writeBytes(value);
        if (left) {
            blank(out, ' ', padding);
        }
    }

    static void blank(ByteArrayOutputStream out, char pad, int width) {
        for (int i = 0; i < width; i++) {
            out.write(pad);
        }
    }

    private static byte[] hex(byte[] payload, String table) {
        byte[] out = new byte[payload.length * 2];
        for (int i = 0; i < payload.length; i++) {
            out[2 * i] = (byte) table.charAt((payload[i] >> 4) & 0xf);
            out[2 * i + 1] = (byte) table.charAt(payload[i] & 0xf);
        }
        return out;
    }
}
