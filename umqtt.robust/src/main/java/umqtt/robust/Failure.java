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

    static Failure of(IOException e) {
        if (!(e instanceof MqttException m)) {
            return NETWORK;
        }
        int code = m.code();
        if (code == MqttException.SERVER_UNAVAILABLE) {
            return NETWORK;
        }
        if (code == MqttException.SUBSCRIPTION_REFUSED) {
            return FINAL;
        }
        return code < MqttException.SUBSCRIPTION_REFUSED ? REFUSAL : PROTOCOL;
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
