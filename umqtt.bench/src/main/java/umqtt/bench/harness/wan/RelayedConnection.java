package umqtt.bench.harness.wan;

import java.io.IOException;
import java.net.Socket;
import java.util.function.Consumer;

/** One accepted connection and its upstream twin: a {@link DelayedPipe} each way. */
final class RelayedConnection {

    private final Socket client;
    private final Socket upstream;
    private final DelayedPipe up;
    private final DelayedPipe down;
    private final Consumer<RelayedConnection> onClosed;
    private int pipesDone;
    private boolean closed;

    RelayedConnection(Socket client, Socket upstream, long delayNanos, long bytesPerSecond,
            Lateness.Meter lateness, Consumer<RelayedConnection> onClosed) {
        this.client = client;
        this.upstream = upstream;
        this.onClosed = onClosed;
        String name = "delay-relay-" + client.getPort();
        up = new DelayedPipe(name + "-up", client, upstream, delayNanos, bytesPerSecond, this::pipeDone, this::close,
                lateness);
        down = new DelayedPipe(name + "-down", upstream, client, delayNanos, bytesPerSecond, this::pipeDone,
                this::close, lateness);
    }

    void start() {
        try {
            up.start();
            down.start();
        } catch (IOException e) {
            close();
        }
    }

    /** A pipe delivered its end of stream: once both have, the connection is over. */
    private void pipeDone() {
        boolean both;
        synchronized (this) {
            both = ++pipesDone == 2;
        }
        if (both) {
            close();
        }
    }

    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        DelayRelay.quietClose(client);
        DelayRelay.quietClose(upstream);
        up.stop();
        down.stop();
        onClosed.accept(this);
    }
}
