package umqtt.tests.brokers;

import java.io.IOException;
import java.net.Socket;
import java.util.HexFormat;

/** Hand-written MQTT 3.1.1 packets for the fixtures' own tests (independent of our codec). */
final class MqttBytes {

    /**
     * CONNECT, remaining length 19: protocol "MQTT" level 4, flags 0x02 (clean session),
     * keep alive 60 s, client id "fixture".
     */
    static final String CONNECT = "10 13 00 04 4D 51 54 54 04 02 00 3C 00 07 66 69 78 74 75 72 65";

    /** CONNECT as above with flags 0xC2 (user name, password): user "alice", password "secret". */
    static final String CONNECT_ALICE = "10 22 00 04 4D 51 54 54 04 C2 00 3C 00 07 66 69 78 74 75 72 65"
            + " 00 05 61 6C 69 63 65 00 06 73 65 63 72 65 74";

    /** CONNECT as above with user "alice", password "wrong". */
    static final String CONNECT_WRONG_PASSWORD = "10 21 00 04 4D 51 54 54 04 C2 00 3C 00 07 66 69 78 74 75 72 65"
            + " 00 05 61 6C 69 63 65 00 05 77 72 6F 6E 67";

    /** CONNACK, session not present, return code 0 (accepted). */
    static final String CONNACK_ACCEPTED = "20 02 00 00";

    /** SUBSCRIBE packet id 1, topic filter "a/b" at QoS 0. */
    static final String SUBSCRIBE = "82 08 00 01 00 03 61 2F 62 00";

    /** SUBACK packet id 1, granted QoS 0. */
    static final String SUBACK_QOS0 = "90 03 00 01 00";

    private MqttBytes() {
    }

    static void send(Socket socket, String hex) throws IOException {
        socket.getOutputStream().write(HexFormat.of().parseHex(hex.replace(" ", "")));
        socket.getOutputStream().flush();
    }

    /** Sends {@code request} and returns the whole packet the server answers with, in hex. */
    static String exchange(Socket socket, String request) throws IOException {
        send(socket, request);
        return RawPacket.readFrom(socket.getInputStream()).toString();
    }
}
