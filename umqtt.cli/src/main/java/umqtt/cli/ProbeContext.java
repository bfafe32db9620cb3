package umqtt.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import umqtt.simple.SimpleClient;

/**
 * What every check of {@code umqtt probe} shares: the connection options, the timeout, a topic
 * prefix of its own for this run ({@code umqtt-probe/<random>/}), client ids derived from the
 * one given, and the retained messages to clear at the end.
 */
final class ProbeContext {

    final ConnectOptions connect;
    /** How long any answer is awaited. */
    final Duration timeout;
    /** How long "nothing arrives" is watched for: the timeout, at most 1 s. */
    final Duration quiet;
    /** The largest payload the payload search tries. */
    final int maxPayload;
    final boolean slow;
    final String prefix = "umqtt-probe/" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL) + "/";
    private final Set<String> retained = new LinkedHashSet<>();
    private final List<ProbeClient> open = new ArrayList<>();
    private int clients;

    ProbeContext(ConnectOptions connect, Duration timeout, int maxPayload, boolean slow) {
        this.connect = connect;
        this.timeout = timeout;
        this.quiet = timeout.compareTo(Duration.ofSeconds(1)) < 0 ? timeout : Duration.ofSeconds(1);
        this.maxPayload = maxPayload;
        this.slow = slow;
    }

    /** @return a topic of this run: the prefix and {@code name} */
    String topic(String name) {
        return prefix + name;
    }

    /** @return a client id of this run, distinct from every other: the given id, a dash and a number */
    String nextId() {
        return connect.clientId + "-" + ++clients;
    }

    /** @return a builder with the connection options and this run's timeouts, for the given id */
    SimpleClient.Builder builder(String clientId) {
        return connect.builder()
                .clientId(clientId)
                .connectTimeout(timeout)
                .responseTimeout(timeout)
                .maxPacketSize(Math.max(SimpleClient.DEFAULT_MAX_PACKET_SIZE, maxPayload + 70_000));
    }

    /** @return a new client with a fresh id, not yet connected; closed by {@link #closeAll} */
    ProbeClient client() {
        return client(nextId());
    }

    /** @return a new client with the given id, not yet connected; closed by {@link #closeAll} */
    ProbeClient client(String clientId) {
        ProbeClient c = new ProbeClient(builder(clientId).build(), clientId);
        open.add(c);
        return c;
    }

    /** @return a new client with a fresh id, connected with a clean session */
    ProbeClient connected() throws IOException {
        ProbeClient c = client();
        c.client.connect(true);
        return c;
    }

    /** Notes that the run set a retained message on {@code topic}, to clear it at the end. */
    void retained(String topic) {
        retained.add(topic);
    }

    /** Closes every client a check left open. */
    void closeClients() {
        for (ProbeClient c : open) {
            c.close();
        }
        open.clear();
    }

    /** Clears the retained messages the run set and closes every client still open. */
    void closeAll() {
        closeClients();
        if (!retained.isEmpty()) {
            try (ProbeClient c = client()) {
                c.client.connect(true);
                for (String topic : retained) {
                    c.client.publish(topic, new byte[0], true, 1);
                }
                c.disconnect();
            } catch (IOException | RuntimeException e) {
                // best effort: the broker is gone or refuses; the table says so already
            }
            retained.clear();
        }
        closeClients();
    }
}
