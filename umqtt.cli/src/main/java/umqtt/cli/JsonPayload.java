package umqtt.cli;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code sub -F %J}: a payload that is itself JSON, read and written again as mosquitto_sub does
 * it with cJSON: whitespace dropped (or cJSON's layout with {@code --pretty}), escapes in strings
 * decoded and written again cJSON's way, numbers written as cJSON writes a double (C's
 * {@code %1.15g}, or {@code %1.17g} when that does not read back: {@code 27.0} becomes {@code 27},
 * {@code 1e3} {@code 1000}). It accepts what cJSON's parser accepts, e.g. {@code 01} and
 * {@code 1.} as numbers.
 */
final class JsonPayload {

    private static final int NESTING_LIMIT = 1000; // cJSON's

    /** Not JSON: {@link #reformat} returns null. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(null, null, false, false);
        }
    }

    private final byte[] in;
    private final boolean pretty;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int at;

    private JsonPayload(byte[] in, boolean pretty) {
        this.in = in;
        this.pretty = pretty;
    }

    /**
     * @param payload the payload
     * @param pretty cJSON's formatted layout
     * @param depth how deep the payload sits (1 as the value of a key of the message's object)
     * @return the payload as cJSON writes it again, or null when it is not JSON
     */
    static byte[] reformat(byte[] payload, boolean pretty, int depth) {
        JsonPayload p = new JsonPayload(payload, pretty);
        try {
            p.skipWhitespace();
            p.value(depth);
            p.skipWhitespace();
            return p.at == payload.length ? p.out.toByteArray() : null;
        } catch (Invalid e) {
            return null;
        }
    }

    private void value(int depth) throws Invalid {
        if (depth > NESTING_LIMIT || at >= in.length) {
            throw new Invalid();
        }
        byte c = in[at];
        if (c == '{') {
            object(depth + 1);
        } else if (c == '[') {
            array(depth + 1);
        } else if (c == '"') {
            SubJson.string(out, string());
        } else if (c == '-' || c >= '0' && c <= '9') {
            number();
        } else if (!literal("null") && !literal("true") && !literal("false")) {
            throw new Invalid();
        }
    }

    private void object(int depth) throws Invalid {
        at++;
        out.write('{');
        if (pretty) {
            out.write('\n');
        }
        skipWhitespace();
        boolean first = true;
        while (at < in.length && in[at] != '}') {
            if (!first) {
                expect(',');
                out.write(',');
                if (pretty) {
                    out.write('\n');
                }
                skipWhitespace();
            }
            first = false;
            tabs(depth);
            if (at >= in.length || in[at] != '"') {
                throw new Invalid();
            }
            SubJson.string(out, string());
            skipWhitespace();
            expect(':');
            out.write(':');
            if (pretty) {
                out.write('\t');
            }
            skipWhitespace();
            value(depth);
            skipWhitespace();
        }
        expect('}');
        if (pretty && !first) {
            out.write('\n');
        }
        tabs(depth - 1);
        out.write('}');
    }

    private void array(int depth) throws Invalid {
        at++;
        out.write('[');
        skipWhitespace();
        boolean first = true;
        while (at < in.length && in[at] != ']') {
            if (!first) {
                expect(',');
                out.write(',');
                if (pretty) {
                    out.write(' ');
                }
                skipWhitespace();
            }
            first = false;
            value(depth);
            skipWhitespace();
        }
        expect(']');
        out.write(']');
    }

    /** A string's content, its escapes decoded to UTF-8 bytes (other bytes as they are, as cJSON). */
    private byte[] string() throws Invalid {
        at++;
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        while (true) {
            if (at >= in.length) {
                throw new Invalid();
            }
            byte c = in[at++];
            if (c == '"') {
                return s.toByteArray();
            }
            if (c != '\\') {
                s.write(c);
                continue;
            }
            if (at >= in.length) {
                throw new Invalid();
            }
            byte e = in[at++];
            switch (e) {
                case 'b' -> s.write('\b');
                case 'f' -> s.write('\f');
                case 'n' -> s.write('\n');
                case 'r' -> s.write('\r');
                case 't' -> s.write('\t');
                case '"', '\\', '/' -> s.write(e);
                case 'u' -> s.writeBytes(new String(Character.toChars(codePoint()))
                        .getBytes(StandardCharsets.UTF_8));
                default -> throw new Invalid();
            }
        }
    }

    /** The code point of {@code \}{@code uXXXX} (after the u), a surrogate pair taking two. */
    private int codePoint() throws Invalid {
        int first = hex4();
        if (first >= 0xdc00 && first <= 0xdfff) {
            throw new Invalid();
        }
        if (first < 0xd800 || first > 0xdbff) {
            return first;
        }
        if (at + 2 > in.length || in[at] != '\\' || in[at + 1] != 'u') {
            throw new Invalid();
        }
        at += 2;
        int second = hex4();
        if (second < 0xdc00 || second > 0xdfff) {
            throw new Invalid();
        }
        return Character.toCodePoint((char) first, (char) second);
    }

    private int hex4() throws Invalid {
        if (at + 4 > in.length) {
            throw new Invalid();
        }
        try {
            int v = Integer.parseInt(new String(in, at, 4, StandardCharsets.US_ASCII), 16);
            at += 4;
            return v;
        } catch (NumberFormatException e) {
            throw new Invalid();
        }
    }

    /** A number as cJSON reads it (strtod on the run of {@code 0-9 + - e E .}) and writes it. */
    private void number() throws Invalid {
        int end = at;
        while (end < in.length && "0123456789+-eE.".indexOf(in[end]) >= 0) {
            end++;
        }
        for (int len = end - at; len > 0; len--) { // strtod takes the longest prefix that is a number
            String text = new String(in, at, len, StandardCharsets.US_ASCII);
            if (text.endsWith("e") || text.endsWith("E") || text.endsWith("+") || text.endsWith("-")) {
                continue;
            }
            try {
                double d = Double.parseDouble(text);
                at += len;
                out.writeBytes(print(d).getBytes(StandardCharsets.US_ASCII));
                return;
            } catch (NumberFormatException e) {
                // shorter
            }
        }
        throw new Invalid();
    }

    /** cJSON 1.7.15's print_number (Debian 12's, which mosquitto_sub 2.0.11 there uses). */
    static String print(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        String g15 = g(d, 15);
        double back = Double.parseDouble(g15);
        return Math.abs(back - d) <= Math.max(Math.abs(back), Math.abs(d)) * Math.ulp(1.0) ? g15 : g(d, 17);
    }

    /** C's {@code %1.Pg}: P significant digits, trailing zeros dropped, exponent form for small and large. */
    private static String g(double d, int precision) {
        BigDecimal v = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = v.precision() - v.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = v.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+")
                    + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return v.stripTrailingZeros().toPlainString();
    }

    private boolean literal(String word) {
        byte[] w = word.getBytes(StandardCharsets.US_ASCII);
        if (at + w.length > in.length) {
            return false;
        }
        for (int i = 0; i < w.length; i++) {
            if (in[at + i] != w[i]) {
                return false;
            }
        }
        at += w.length;
        out.writeBytes(w);
        return true;
    }

    private void expect(char c) throws Invalid {
        if (at >= in.length || in[at] != c) {
            throw new Invalid();
        }
        at++;
    }

    /** cJSON skips every byte up to and including the space (control characters too). */
    private void skipWhitespace() {
        while (at < in.length && in[at] > 0 && in[at] <= 32) {
            at++;
        }
    }

    private void tabs(int n) {
        if (pretty) {
            for (int i = 0; i < n; i++) {
                out.write('\t');
            }
        }
    }
}
