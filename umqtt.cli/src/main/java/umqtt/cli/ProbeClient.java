package umqtt.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import umqtt.api.Message;
import umqtt.simple.SimpleClient;

/**
 * A client of {@code umqtt probe} with the messages it received, and waits that always end:
 * {@link #await} polls the client (each poll reads for at most a millisecond) until a message
 * matches or the time is up, so a broker that never sends gives "nothing", never a hang.
 */
final class ProbeClient implements AutoCloseable {

    final SimpleClient client;
    final String id;
    /** Everything received so far, in order. */
    final List<Message> received = new ArrayList<>();

    ProbeClient(SimpleClient client, String id) {
        this.client = client;
        this.id = id;
        client.setCallback(received::add);
    }

    /**
     * Handles packets until a message received (now or before) matches, or {@code within} passed.
     *
     * @return the first matching message, or null when none came in time
     */
    Message await(Predicate<Message> wanted, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < received.size(); seen++) {
                if (wanted.test(received.get(seen))) {
                    return received.get(seen);
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return null;
            }
            client.checkMsg();
        }
    }

    /** @return the first message on {@code topic} received within the time, or null */
    Message await(String topic, Duration within) throws IOException {
        return await(m -> m.topicString().equals(topic), within);
    }

    /** Handles packets for the whole of {@code during}; returns the messages that arrived meanwhile. */
    List<Message> collect(Duration during) throws IOException {
        int before = received.size();
        await(m -> false, during);
        return new ArrayList<>(received.subList(before, received.size()));
    }

    /** Sends DISCONNECT, quietly: the check is over whatever the broker thinks of it. */
    void disconnect() {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException e) {
            // already gone: nothing to tell
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
