package umqtt.transport.websocket.frame;

/** The frame opcodes of RFC 6455 section 5.2 that a client meets. */
public final class Opcode {

    /** Continues a fragmented message. */
    public static final int CONTINUATION = 0x0;
    /** Starts a text message; MQTT never uses it. */
    public static final int TEXT = 0x1;
    /** Starts a binary message: MQTT's bytes travel in these. */
    public static final int BINARY = 0x2;
    /** Starts or answers the closing handshake. */
    public static final int CLOSE = 0x8;
    /** Asks for a pong. */
    public static final int PING = 0x9;
    /** Answers a ping, or is sent unsolicited as a heartbeat. */
    public static final int PONG = 0xA;

    private Opcode() {
    }

    /**
     * Whether the opcode is a control frame's (close, ping, pong and the reserved 0xB..0xF).
     *
     * @param opcode the 4-bit opcode
     * @return true for a control opcode
     */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /**
     * Whether RFC 6455 defines the opcode (0x3..0x7 and 0xB..0xF are reserved).
     *
     * @param opcode the 4-bit opcode
     * @return true for a defined opcode
     */
    public static boolean isDefined(int opcode) {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }

    /**
     * A name for error messages.
     *
     * @param opcode the 4-bit opcode
     * @return e.g. {@code "ping (0x9)"}
     */
    public static String describe(int opcode) {
        String name = switch (opcode) {
            case CONTINUATION -> "continuation";
            case TEXT -> "text";
            case BINARY -> "binary";
            case CLOSE -> "close";
            case PING -> "ping";
            case PONG -> "pong";
            default -> "reserved";
        };
        return name + " (0x" + Integer.toHexString(opcode) + ")";
    }
}
