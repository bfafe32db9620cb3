package umqtt.tests.virtual;

/**
 * Thrown by a {@link VirtualLink} read that has no timeout and nothing scheduled: on a real link
 * the client would block forever. An {@link Error}, so the client under test cannot swallow it as
 * an I/O failure; a test expects it, or lets it fail the test.
 */
public final class BlockedForeverError extends AssertionError {

    private static final long serialVersionUID = 1L;

    /**
     * @param millis the virtual time of the read, in ms
     * @param what what the link knew then
     */
    BlockedForeverError(long millis, String what) {
        super("the client would block forever at t=" + millis + " ms: it reads without a timeout and the server "
                + "has nothing scheduled (" + what + ")");
    }
}
