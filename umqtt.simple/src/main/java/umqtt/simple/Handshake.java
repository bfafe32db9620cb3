package umqtt.simple;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import umqtt.api.MqttException;
import umqtt.simple.codec.Connack;
import umqtt.simple.codec.Connect;
import umqtt.simple.codec.Decoder;
import umqtt.simple.codec.PacketType;

/** CONNECT and its CONNACK on a freshly opened link, within the connect timeout. */
final class Handshake {

    private Handshake() {
    }

    /**
     * Sends CONNECT and reads the server's answer.
     *
     * @param deadline when the connect timeout ends, on the time source's scale
     * @return the accepted CONNACK
     * @throws MqttException when the server refused the connection or answered wrongly
     * @throws SocketTimeoutException when no answer came by the deadline
     */
    static Connack run(Connection c, ClientSettings s, Connect connect, long deadline, Duration timeout)
            throws IOException {
        c.writeConnect(connect);
        while (!c.read(deadline)) {
            if (s.time().nanoTime() - deadline >= 0) {
                throw new SocketTimeoutException("no CONNACK from " + s.safeServer() + " within "
                        + timeout.toMillis() + " ms");
            }
        }
        int type = c.reader().header() >>> 4;
        if (type != PacketType.CONNACK) {
            throw MqttException.protocolError("the server answered CONNECT with " + PacketType.name(type)
                    + " instead of CONNACK");
        }
        Connack connack = Decoder.connack(c.reader());
        if (connack.returnCode() != 0) {
            throw MqttException.connectionRefused(connack.returnCode());
        }
        if (connack.sessionPresent() && connect.cleanSession()) {
            throw MqttException.protocolError("the server reported a session present for a clean session");
        }
        return connack;
    }
}
