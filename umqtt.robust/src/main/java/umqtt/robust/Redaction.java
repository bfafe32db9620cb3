package umqtt.robust;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text before it is logged: in every URI the text contains, the user info
 * ({@code user:password@}), the query (a signed URL's token, e.g. {@code X-Amz-Signature=...})
 * and the fragment become {@code ***}. A delegate's failure may name its server URI; the
 * robust client logs only what passed through here.
 */
final class Redaction {

    /** scheme://authority path ?query #fragment, ending at white space or a quote. */
    private static final Pattern URI = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]*://)([^\\s/?#'\"<>]*)([^\\s?#'\"<>]*)(\\?[^\\s#'\"<>]*)?(#[^\\s'\"<>]*)?");

    private Redaction() {
    }

    /** The text with the secrets of every URI in it replaced; null stays null. */
    static String scrub(String text) {
        if (text == null || text.indexOf("://") < 0) {
            return text;
        }
        Matcher m = URI.matcher(text);
        return m.replaceAll(r -> {
            String authority = r.group(2);
            int at = authority.lastIndexOf('@');
            String safe = r.group(1) + (at < 0 ? authority : "***@" + authority.substring(at + 1)) + r.group(3)
                    + (r.group(4) == null ? "" : "?***") + (r.group(5) == null ? "" : "#***");
            return Matcher.quoteReplacement(safe);
        });
    }

    /** A failure as {@code Throwable.toString()} shows it, its message scrubbed. */
    static String describe(Throwable failure) {
        String message = failure.getLocalizedMessage();
        String name = failure.getClass().getName();
        return message == null ? name : name + ": " + scrub(message);
    }
}
