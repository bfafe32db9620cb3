package umqtt.training;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of an MQTT 3.1.1 broker on loopback for the build's training run (never shipped):
 * accepts every CONNECT but one client id's, acknowledges QoS 1 and 2 publishes, grants every subscription and then
 * delivers one QoS 1 message on its first topic, answers PINGREQ and UNSUBSCRIBE. No routing, no
 * sessions, no checks: the training needs the client's real code paths, not a broker's.
 */
final class LoopbackBroker implements AutoCloseable {

    /** The client id refused with CONNACK 5 (not authorised), for the error path. */
    static final String REFUSED = "training-refused";

    private final ServerSocket server;

    /** Listens where the client's default host, localhost, resolves to (its first address). */
    LoopbackBroker() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("localhost"));
        Thread acceptor = new Thread(this::accept, "training-broker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "training-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket; DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                byte[] body = new byte[remainingLength(in)];
                in.readFully(body);
                switch (type >> 4) {
                    case 1 -> out.write(new byte[] {0x20, 2, 0, (byte) (refused(body) ? 5 : 0)}); // CONNACK
                    case 3 -> acknowledgePublish(type, body, out);
                    case 6 -> out.write(new byte[] {0x70, 2, body[0], body[1]}); // PUBREL: PUBCOMP
                    case 8 -> subscribed(body, out);
                    case 10 -> out.write(new byte[] {(byte) 0xB0, 2, body[0], body[1]}); // UNSUBACK
                    case 12 -> out.write(new byte[] {(byte) 0xD0, 0}); // PINGREQ: PINGRESP
                    case 14 -> {
                        return; // DISCONNECT
                    }
                    default -> { } // PUBACK, PUBREC, PUBCOMP for our one delivery: nothing to do
                }
                out.flush();
            }
        } catch (IOException gone) {
            // the client went away: its command is over
        }
    }

    /** Whether a CONNECT (3.1.1: its client id at offset 10) comes from the client id {@link #REFUSED}. */
    private static boolean refused(byte[] connect) {
        int length = connect.length < 12 ? -1 : (connect[10] & 0xFF) << 8 | connect[11] & 0xFF;
        return length == REFUSED.length() && 12 + length <= connect.length
                && new String(connect, 12, length, StandardCharsets.UTF_8).equals(REFUSED);
    }

    /** PUBACK for QoS 1, PUBREC for QoS 2; the packet id follows the topic. */
    private static void acknowledgePublish(int type, byte[] body, OutputStream out) throws IOException {
        int qos = (type >> 1) & 3;
        if (qos > 0) {
            int id = 2 + ((body[0] & 0xFF) << 8 | body[1] & 0xFF);
            out.write(new byte[] {(byte) (qos == 1 ? 0x40 : 0x50), 2, body[id], body[id + 1]});
        }
    }

    /** SUBACK granting each requested QoS, then one QoS 1 message "training" on the first filter. */
    private static void subscribed(byte[] body, OutputStream out) throws IOException {
        int count = 0;
        for (int i = 2; i < body.length; i += 3 + ((body[i] & 0xFF) << 8 | body[i + 1] & 0xFF)) {
            count++;
        }
        byte[] suback = new byte[4 + count];
        suback[0] = (byte) 0x90;
        suback[1] = (byte) (2 + count);
        suback[2] = body[0];
        suback[3] = body[1];
        for (int i = 2, n = 0; i < body.length; i += 3 + ((body[i] & 0xFF) << 8 | body[i + 1] & 0xFF)) {
            suback[4 + n++] = body[i + 2 + ((body[i] & 0xFF) << 8 | body[i + 1] & 0xFF)];
        }
        out.write(suback);
        int topicLength = (body[2] & 0xFF) << 8 | body[3] & 0xFF;
        byte[] payload = "training".getBytes(StandardCharsets.US_ASCII);
        out.write(new byte[] {0x32, (byte) (2 + topicLength + 2 + payload.length)});
        out.write(body, 2, 2 + topicLength);
        out.write(new byte[] {0, 1});
        out.write(payload);
    }

    private static int remainingLength(InputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("bad remaining length");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
