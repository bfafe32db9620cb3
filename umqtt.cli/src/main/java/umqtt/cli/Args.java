package umqtt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The command-line arguments, read one option at a time. Options are {@code -x value} or
 * {@code --name value}; {@code --name=value} works too.
 */
final class Args {

    private static final Pattern USER_INFO = Pattern.compile("://[^/]*@");

    private final String[] args;
    private int next;
    private String inlineValue;
    private String option;

    Args(String[] args) {
        this.args = Objects.requireNonNull(args, "args").clone();
    }

    /** @return whether another option follows */
    boolean hasNext() {
        return next < args.length;
    }

    /**
     * @return the next option, e.g. {@code "-t"} or {@code "--will-topic"}
     * @throws UsageException for a bare word where an option belongs
     */
    String nextOption() throws UsageException {
        String arg = args[next++];
        inlineValue = null;
        if (arg.startsWith("--") && arg.indexOf('=') > 2) {
            inlineValue = arg.substring(arg.indexOf('=') + 1);
            arg = arg.substring(0, arg.indexOf('='));
        }
        if (!arg.startsWith("-") || arg.equals("-")) {
            throw new UsageException("unexpected argument '" + shown(arg) + "': every value follows its option, "
                    + "e.g. -t topic -m message");
        }
        option = arg;
        return arg;
    }

    /**
     * @return the value of the current option
     * @throws UsageException when it has none
     */
    String value() throws UsageException {
        if (inlineValue != null) {
            String v = inlineValue;
            inlineValue = null;
            return v;
        }
        if (next >= args.length) {
            throw new UsageException("option " + option + " needs a value");
        }
        return args[next++];
    }

    /**
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return the value of the current option as a whole number in range
     * @throws UsageException when it is missing, not a number, or out of range
     */
    int intValue(int min, int max) throws UsageException {
        String v = value();
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new UsageException("option " + option + " takes a whole number from " + min + " to " + max
                + " but was '" + shown(v) + "'");
    }

    /**
     * @return the value of the current option as a non-negative number of seconds (fractions allowed)
     * @throws UsageException when it is missing or not such a number
     */
    double secondsValue() throws UsageException {
        String v = value();
        try {
            double d = Double.parseDouble(v.trim());
            if (d >= 0 && d <= 31_536_000) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option " + option + " takes a number of seconds (e.g. 0.5) but was '" + shown(v) + "'");
    }

    /**
     * @return the value of the current option as a TCP port, 1-65535
     * @throws UsageException when it is missing or not such a number
     */
    int port() throws UsageException {
        String v = value();
        try {
            int p = Integer.parseInt(v.trim());
            if (p >= 1 && p <= 65_535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("invalid port '" + shown(v) + "': use a number from 1 to 65535");
    }

    /**
     * @return the value of the current option as a file that can be read
     * @throws UsageException when it is missing or names no readable file
     */
    Path readableFile() throws UsageException {
        String file = value();
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            throw new UsageException(option + " " + shown(file) + ": no such readable file");
        }
        return p;
    }

    /**
     * An argument as a message may show it: a URL's user info (a user and password, or a token)
     * is masked, since a URL typed in the wrong place must not put its password on the screen.
     *
     * @param arg the argument
     * @return the argument with {@code ://user:password@} shown as {@code ://***@}
     */
    static String shown(String arg) {
        return USER_INFO.matcher(arg).replaceAll("://***@");
    }

    /** @return the current option, for messages */
    String option() {
        return option;
    }
}
