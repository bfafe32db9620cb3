package umqtt.tests.brokers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.function.BooleanSupplier;

/** Waits, with a bounded deadline, until a starting server accepts TCP connections on its ports. */
public final class PortWaiter {

    private static final int CONNECT_TIMEOUT_MILLIS = 200;
    private static final long POLL_MILLIS = 10;

    private PortWaiter() {
    }

    /**
     * Polls every port on 127.0.0.1 until all accept a connection.
     *
     * @param ports the ports to poll
     * @param timeout the deadline for all of them
     * @param alive false once the server is known to be dead, which ends the wait at once
     * @return null when every port accepts, else a sentence saying which port did not and why
     * @throws InterruptedException when interrupted while waiting
     */
    public static String awaitAccepting(Collection<Integer> ports, Duration timeout, BooleanSupplier alive)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int port : ports) {
            while (!accepts(port)) {
                if (!alive.getAsBoolean()) {
                    return "the server exited before port " + port + " accepted connections";
                }
                if (System.nanoTime() - deadline > 0) {
                    return "port " + port + " did not accept a connection within " + timeout.toMillis() + " ms";
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
        return null;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
