package umqtt.cli;

import java.util.Locale;
import java.util.Objects;

/**
 * One row of {@code umqtt probe}: which check, what was tried, what came back, and the verdict.
 *
 * @param check the check's short name, e.g. {@code "granted QoS 2"}
 * @param tried what the probe sent
 * @param got what the broker answered, or that it did not
 * @param verdict what that means
 */
record ProbeResult(String check, String tried, String got, Verdict verdict) {

    ProbeResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(tried, "tried");
        Objects.requireNonNull(got, "got");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** What a row's answer means. */
    enum Verdict {
        /** The broker does what MQTT 3.1.1 asks. */
        OK,
        /** The broker breaks MQTT 3.1.1; the row says how (an answer all the same). */
        DEVIATION,
        /** The broker stops short of the bound tried, as MQTT 3.1.1 allows (an answer). */
        LIMIT,
        /** The broker refuses an optional feature (an answer). */
        NOT_SUPPORTED,
        /** The probe did not try: an option asks for it, or an earlier row makes it moot. */
        SKIPPED,
        /** The broker did not answer within the timeout. */
        NO_ANSWER,
        /** The connection failed or was refused where nothing called for it. */
        FAILED;

        /** @return the verdict as the table shows it, e.g. {@code "not supported"} */
        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        /** @return whether the broker answered (the exit status stays 0) */
        boolean answered() {
            return this != NO_ANSWER && this != FAILED;
        }
    }

    static ProbeResult ok(String check, String tried, String got) {
        return new ProbeResult(check, tried, got, Verdict.OK);
    }

    static ProbeResult deviation(String check, String tried, String got) {
        return new ProbeResult(check, tried, got, Verdict.DEVIATION);
    }

    static ProbeResult skipped(String check, String why) {
        return new ProbeResult(check, "-", why, Verdict.SKIPPED);
    }
}
