package umqtt.mqtt5;

import java.io.EOFException;
import java.util.List;

/**
 * The server's DISCONNECT (MQTT 5.0, 3.14), as thrown: its reason, Reason String and Server
 * Reference. Its cause is an {@link EOFException}: the link is gone, as when a 3.1.1 broker closes
 * it, so a caller that only knows {@code IOException}s (RobustClient) reconnects.
 */
final class ServerDisconnect extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    ServerDisconnect(int reasonCode, String message, String reasonString, List<UserProperty> userProperties,
            String serverReference) {
        super(reasonCode, message, reasonString, userProperties, serverReference);
        initCause(new EOFException("the server closed the link with DISCONNECT"));
    }

    static ServerDisconnect of(Mqtt5Exception e) {
        return new ServerDisconnect(e.code(), e.getMessage(), e.reasonString(), e.userProperties(), e.serverReference());
    }
}
