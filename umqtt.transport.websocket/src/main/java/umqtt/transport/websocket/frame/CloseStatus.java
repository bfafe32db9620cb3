package umqtt.transport.websocket.frame;

/** The close status codes of RFC 6455 section 7.4 that we send or explain. */
public final class CloseStatus {

    /** The purpose of the connection is fulfilled. */
    public static final int NORMAL = 1000;
    /** The endpoint is going away (server shutdown, page left). */
    public static final int GOING_AWAY = 1001;
    /** The peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** The peer sent a data type we cannot accept (a text frame, for MQTT). */
    public static final int UNSUPPORTED_DATA = 1003;
    /** A close frame without a status code; never sent on the wire. */
    public static final int NO_STATUS = 1005;
    /** Data not consistent with the message's type: a close reason that is not UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** A message too big to process. */
    public static final int TOO_BIG = 1009;

    private CloseStatus() {
    }

    /**
     * Whether a close frame may carry the code (RFC 6455 section 7.4: 1000-1003, 1007-1014 and
     * 3000-4999; 1004-1006 and 1015 are reserved or only for reporting).
     *
     * @param code the status code
     * @return true when the code may be sent
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /**
     * The code with its meaning, for error messages.
     *
     * @param code the status code
     * @return e.g. {@code "1000 (normal closure)"}
     */
    public static String describe(int code) {
        String meaning = switch (code) {
            case NORMAL -> "normal closure";
            case GOING_AWAY -> "going away";
            case PROTOCOL_ERROR -> "protocol error";
            case UNSUPPORTED_DATA -> "unsupported data";
            case NO_STATUS -> "no status code";
            case INVALID_PAYLOAD -> "invalid payload data";
            case 1008 -> "policy violation";
            case TOO_BIG -> "message too big";
            case 1010 -> "mandatory extension";
            case 1011 -> "internal server error";
            case 1012 -> "service restart";
            case 1013 -> "try again later";
            default -> code >= 4000 && code <= 4999 ? "application-specific" : "unknown";
        };
        return code + " (" + meaning + ")";
    }
}
