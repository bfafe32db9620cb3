package umqtt.tests.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import umqtt.tests.brokers.RawPacket;

/**
 * A broker that does two things wrong on purpose, for {@code umqtt probe}: it answers a QoS 2
 * PUBLISH with PUBACK, and it never answers SUBSCRIBE. It accepts every CONNECT, acknowledges
 * QoS 1 PUBLISH and answers PINGREQ; it delivers nothing. One thread per connection.
 */
final class ProbeFakeBroker implements Closeable {

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ProbeFakeBroker() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "probe-fake-broker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("mqtt://127.0.0.1:" + server.getLocalPort());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "probe-fake-broker-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void serve(Socket s) {
        try (s) {
            OutputStream out = s.getOutputStream();
            while (true) {
                RawPacket p = RawPacket.readFrom(s.getInputStream());
                switch (p.type()) {
                    case 1 -> out.write(new byte[] {0x20, 2, 0, 0}); // CONNECT: CONNACK accepted
                    case 3 -> {
                        int qos = p.flags() >> 1 & 3;
                        if (qos > 0) { // PUBACK, also for QoS 2: the deviation under test
                            int topicLength = (p.body()[0] & 0xff) << 8 | p.body()[1] & 0xff;
                            out.write(new byte[] {0x40, 2, p.body()[2 + topicLength], p.body()[3 + topicLength]});
                        }
                    }
                    case 12 -> out.write(new byte[] {(byte) 0xD0, 0}); // PINGREQ: PINGRESP
                    case 14 -> {
                        return; // DISCONNECT
                    }
                    default -> { } // SUBSCRIBE and the rest: never answered
                }
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
