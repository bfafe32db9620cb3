package umqtt.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * The time fields of {@code sub -F}: {@code @X} prints what C's {@code strftime} prints for
 * {@code %X} in the C locale (mosquitto_sub passes it through), {@code @N} the nanoseconds of the
 * second; and the helpers {@code %I} (ISO 8601) and {@code %U} (Unix time with nanoseconds).
 * strftime's conversions that depend on the platform's locale tables ({@code %c %x %X %E %O})
 * are refused with a clear message rather than guessed.
 */
final class SubTime {

    /** A time field of the format. */
    interface Field {
        void write(ZonedDateTime now, ByteArrayOutputStream out);
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx", Locale.ROOT);
    private static final String SUPPORTED = "@Y @y @C @m @d @e @H @I @M @S @N @j @a @A @b @B @h @p @Z @z @s @u @w "
            + "@F @T @D @R @r @G @g @V @k @l @n @t @@";

    private SubTime() {
    }

    /**
     * The field for {@code @c}.
     *
     * @param c the character after {@code @}
     * @return the field, as a part of the format
     * @throws UsageException for a character strftime does not define or whose output depends on the locale
     */
    static Field field(char c) throws UsageException {
        if (c == 'N') {
            return (t, out) -> ascii(out, String.format(Locale.ROOT, "%09d", t.getNano()));
        }
        if (text(c, ZonedDateTime.now()) == null) {
            throw new UsageException("-F: unsupported time field @" + c + ": use " + SUPPORTED);
        }
        return (t, out) -> ascii(out, text(c, t));
    }

    /** @return {@code %I}: e.g. {@code 2016-08-10T09:47:38+0100} */
    static String iso(ZonedDateTime t) {
        return ISO.format(t);
    }

    /** @return {@code %U}: e.g. {@code 1470818943.786368637} */
    static String unix(ZonedDateTime t) {
        return t.toEpochSecond() + "." + String.format(Locale.ROOT, "%09d", t.getNano());
    }

    /** strftime's {@code %c} in the C locale, or null for a conversion not offered. */
    private static String text(char c, ZonedDateTime t) {
        return switch (c) {
            case 'Y' -> Integer.toString(t.getYear());
            case 'y' -> two(t.getYear() % 100);
            case 'C' -> two(t.getYear() / 100);
            case 'm' -> two(t.getMonthValue());
            case 'd' -> two(t.getDayOfMonth());
            case 'e' -> String.format(Locale.ROOT, "%2d", t.getDayOfMonth());
            case 'H' -> two(t.getHour());
            case 'k' -> String.format(Locale.ROOT, "%2d", t.getHour());
            case 'I' -> two(hour12(t));
            case 'l' -> String.format(Locale.ROOT, "%2d", hour12(t));
            case 'M' -> two(t.getMinute());
            case 'S' -> two(t.getSecond());
            case 'j' -> String.format(Locale.ROOT, "%03d", t.getDayOfYear());
            case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'Z' -> t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equals("Z")
                    ? "UTC" : DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(t);
            case 'z' -> DateTimeFormatter.ofPattern("xx", Locale.ROOT).format(t);
            case 's' -> Long.toString(t.toEpochSecond());
            case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
            case 'w' -> Integer.toString(t.getDayOfWeek().getValue() % 7);
            case 'F' -> t.getYear() + "-" + two(t.getMonthValue()) + "-" + two(t.getDayOfMonth());
            case 'T' -> two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
            case 'D' -> two(t.getMonthValue()) + "/" + two(t.getDayOfMonth()) + "/" + two(t.getYear() % 100);
            case 'R' -> two(t.getHour()) + ":" + two(t.getMinute());
            case 'r' -> two(hour12(t)) + ":" + two(t.getMinute()) + ":" + two(t.getSecond()) + " "
                    + (t.getHour() < 12 ? "AM" : "PM");
            case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'g' -> two(t.get(IsoFields.WEEK_BASED_YEAR) % 100);
            case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'n' -> "\n";
            case 't' -> "\t";
            case '%' -> "%";
            default -> null;
        };
    }

    private static int hour12(ZonedDateTime t) {
        return t.get(ChronoField.CLOCK_HOUR_OF_AMPM);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
