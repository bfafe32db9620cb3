package umqtt.simple;

import java.io.IOException;
import umqtt.api.internal.ThreadGuard;

/** One thread at a time: a second one is misuse, reported at once (the default mode). */
final class SoleGate implements Gate {

    private final ThreadGuard guard = new ThreadGuard("SimpleClient");

    @Override
    public void enter() {
        guard.enter();
    }

    @Override
    public void exit() {
        guard.exit();
    }

    @Override
    public int read(Connection link, long until) throws IOException {
        return link.read(until) ? PACKET : NONE;
    }

    @Override
    public void routed() {
        // no one else to tell
    }
}
