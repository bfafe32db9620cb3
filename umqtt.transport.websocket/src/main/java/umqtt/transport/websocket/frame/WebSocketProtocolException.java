package umqtt.transport.websocket.frame;

import java.io.IOException;

/** The peer broke RFC 6455; carries the close status code we answer with. */
public final class WebSocketProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int closeStatus;

    /**
     * Creates the exception.
     *
     * @param closeStatus the status code for our close frame, e.g. {@link CloseStatus#PROTOCOL_ERROR}
     * @param message what the peer did wrong
     */
    public WebSocketProtocolException(int closeStatus, String message) {
        super(message);
        this.closeStatus = closeStatus;
    }

    /**
     * The status code to close the connection with.
     *
     * @return the code
     */
    public int closeStatus() {
        return closeStatus;
    }
}
