package umqtt.tests.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection TCP relay that can hold the server's bytes back in the middle of a TLS record:
 * after {@link #holdAfter(int)}, the next bytes from the server are passed on only up to the
 * given count, the rest when {@link #release()} is called. For proving that a read timing out in
 * the middle of a record loses nothing. It can also corrupt a record ({@link #corruptNext()}).
 */
final class HoldingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch heldBack = new CountDownLatch(1);
    private volatile int holdAfter = -1;
    private volatile boolean corruptNext;
    private volatile Socket client;
    private volatile Socket upstream;

    HoldingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "holding-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Passes the next {@code bytes} bytes from the server, then holds the rest until released. */
    void holdAfter(int bytes) {
        holdAfter = bytes;
    }

    /** Waits until bytes are being held back. */
    boolean awaitHeld(long seconds) throws InterruptedException {
        return heldBack.await(seconds, TimeUnit.SECONDS);
    }

    /** Flips one bit in the last byte of the next bytes from the server (a record's tag). */
    void corruptNext() {
        corruptNext = true;
    }

    void release() {
        released.countDown();
    }

    private void accept() {
        try {
            client = listener.accept();
            upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            Thread up = new Thread(() -> pump(client, upstream, false), "holding-proxy-up");
            up.setDaemon(true);
            up.start();
            pump(upstream, client, true);
        } catch (IOException e) {
            // the test closed us
        }
    }

    private void pump(Socket from, Socket to, boolean mayHold) {
        byte[] buf = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (mayHold && corruptNext) {
                    corruptNext = false;
                    buf[n - 1] ^= 1;
                }
                int hold = holdAfter;
                if (mayHold && hold >= 0 && n > hold) {
                    holdAfter = -1;
                    out.write(buf, 0, hold);
                    out.flush();
                    heldBack.countDown();
                    released.await();
                    out.write(buf, hold, n - hold);
                } else {
                    out.write(buf, 0, n);
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // connection closed
        }
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        listener.close();
        if (client != null) {
            client.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }
}
