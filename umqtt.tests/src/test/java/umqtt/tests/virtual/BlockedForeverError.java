package umqtt.tests.virtual;

/**
 * Thrown by a {@link VirtualLink} read that has no timeout and nothing scheduled: on a real link
 * the client would block forever. An {@link Error}, so the client under test cannot swallow it as
 * an I/O failure; a test expects it, or lets it fail the test.
 */
public final class BlockedForeverError extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final boolean watchdog;

    /**
     * @param millis the virtual time of the read, in ms
     * @param what what the link knew then
     */
    BlockedForeverError(long millis, String what) {
        super("the client would block forever at t=" + millis + " ms: it reads without a timeout and the server "
                + "has nothing scheduled (" + what + ")");
        this.watchdog = false;
    }

    /**
     * @param millis the virtual time of the read, in ms
     * @param what why the wait counts as endless
     * @param watchdog true: the client kept waiting with timeouts, past the test's watchdog
     */
    BlockedForeverError(long millis, String what, boolean watchdog) {
        super("the client would wait forever at t=" + millis + " ms: " + what);
        this.watchdog = watchdog;
    }

    /** @return true when the client kept waiting with timeouts past the test's watchdog, false for a read without timeout */
    public boolean watchdog() {
        return watchdog;
    }
}
