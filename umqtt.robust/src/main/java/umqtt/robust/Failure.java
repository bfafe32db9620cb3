package umqtt.robust;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import umqtt.api.MqttException;

/** What an {@link IOException} from a delegate means for retrying. */
enum Failure {
    /** The network failed (or the broker said "server unavailable"): reconnect and retry. */
    NETWORK,
    /** The broker refused the connection (codes 1, 2, 4, 5): retrying rarely helps. */
    REFUSAL,
    /** The broker broke the protocol and the link was closed: retry a bounded number of times. */
    PROTOCOL,
    /** The broker refused a subscription: the link is fine, nothing to retry. */
    FINAL;

    /**
     * Classifies by the code alone, so that any delegate is understood, MQTT 5 ones too: their
     * reason codes from 0x80 refuse one request on a live link (FINAL; in a CONNACK the caller
     * makes that a refusal), 0x81, 0x82 and 0x93 to 0x95 break the link (PROTOCOL), 0x88, 0x89,
     * 0x9C and 0x9D ask to come back later or elsewhere, and a server's DISCONNECT comes with an
     * end of stream as its cause.
     */
    static Failure of(IOException e) {
        if (!(e instanceof MqttException m)) {
            return NETWORK;
        }
        if (m.getCause() instanceof IOException cause && closedByPeer(cause)) {
            return NETWORK;
        }
        int code = m.code();
        return switch (code) {
            case MqttException.SERVER_UNAVAILABLE, 0x88, 0x89, 0x9C, 0x9D -> NETWORK;
            case MqttException.MALFORMED_PACKET, MqttException.PROTOCOL_ERROR, 0x93, 0x94,
                    MqttException.PACKET_TOO_LARGE -> PROTOCOL;
            default -> code < MqttException.SUBSCRIPTION_REFUSED ? REFUSAL : FINAL;
        };
    }

    /**
     * Whether the other end closed or reset a link that was open (end of stream, connection
     * reset, broken pipe), as a broker does when it rejects what it just received; not a server
     * that could not be reached, nor a timeout.
     */
    static boolean closedByPeer(IOException e) {
        if (e instanceof EOFException) {
            return true;
        }
        return e instanceof SocketException && !(e instanceof ConnectException)
                && !(e instanceof NoRouteToHostException) && !(e instanceof PortUnreachableException);
    }
}
