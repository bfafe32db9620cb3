package umqtt.tests.robust;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import umqtt.tests.brokers.RawPacket;
import umqtt.tests.brokers.ScriptedServer;

/**
 * A scripted broker, one connection at a time, that answers like a real one except for one wrong
 * answer no real broker gives on request: a QoS 2 PUBLISH answered with PUBACK (as RabbitMQ 3.10
 * did), or a PUBLISH to one topic answered by closing the connection (as a broker rejecting a
 * message may). It keeps a journal of what the client sent, e.g. {@code "CONNECT clean=1"},
 * {@code "PUBLISH t qos=2 dup=0"}.
 */
final class MisbehavingBroker implements AutoCloseable {

    private static final Duration READ = Duration.ofSeconds(30);

    private final ScriptedServer server = ScriptedServer.start();
    private final boolean qos2Puback;
    private final String disconnectOn;
    private final List<String> journal = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closing;
    private boolean sessionExists;

    private MisbehavingBroker(boolean qos2Puback, String disconnectOn) {
        this.qos2Puback = qos2Puback;
        this.disconnectOn = disconnectOn;
        thread = new Thread(this::serve, "misbehaving-broker");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return a broker that answers every QoS 2 PUBLISH with PUBACK */
    static MisbehavingBroker answeringQos2WithPuback() {
        return new MisbehavingBroker(true, null);
    }

    /** @return a broker that closes the connection when it receives a PUBLISH to {@code topic} */
    static MisbehavingBroker disconnectingOnPublishTo(String topic) {
        return new MisbehavingBroker(false, topic);
    }

    URI uri() {
        return server.uri();
    }

    /** @return every packet the client sent so far, in order */
    synchronized List<String> journal() {
        return List.copyOf(journal);
    }

    /** @return how many PUBLISH packets to {@code topic} arrived, DUP or not */
    synchronized long publishes(String topic) {
        return journal.stream().filter(e -> e.startsWith("PUBLISH " + topic + " ")).count();
    }

    private synchronized void note(String entry) {
        journal.add(entry);
    }

    private void serve() {
        while (!closing) {
            ScriptedServer.Connection c;
            try {
                c = server.accept(Duration.ofMillis(200));
            } catch (AssertionError noClientYet) {
                continue;
            } catch (IOException | InterruptedException e) {
                return;
            }
            try (c) {
                while (!closing && answer(c, c.read(READ))) {
                    // one packet answered
                }
            } catch (IOException | AssertionError e) {
                // the client closed the link, or went quiet: take the next connection
            }
        }
    }

    /** Answers one packet; false when the connection is to be closed. */
    private boolean answer(ScriptedServer.Connection c, RawPacket p) throws IOException {
        byte[] b = p.body();
        switch (p.type()) {
            case 1 -> {
                boolean clean = (b[7] & 0x02) != 0;
                note("CONNECT clean=" + (clean ? 1 : 0));
                boolean present = !clean && sessionExists;
                sessionExists = true;
                c.sendHex("20 02 0" + (present ? 1 : 0) + " 00");
            }
            case 3 -> {
                int qos = (p.flags() >> 1) & 3;
                int topicLength = (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
                String topic = new String(b, 2, topicLength, StandardCharsets.UTF_8);
                note("PUBLISH " + topic + " qos=" + qos + " dup=" + (p.flags() >> 3));
                if (topic.equals(disconnectOn)) {
                    return false;
                }
                String id = qos == 0 ? "" : hex(b, 2 + topicLength, 2);
                if (qos == 1 || qos == 2 && qos2Puback) {
                    c.sendHex("40 02 " + id);
                } else if (qos == 2) {
                    c.sendHex("50 02 " + id);
                }
            }
            case 6 -> {
                note("PUBREL");
                c.sendHex("70 02 " + hex(b, 0, 2));
            }
            case 8 -> {
                int filterLength = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
                note("SUBSCRIBE " + new String(b, 4, filterLength, StandardCharsets.UTF_8));
                c.sendHex("90 03 " + hex(b, 0, 2) + " " + hex(b, 4 + filterLength, 1));
            }
            case 12 -> {
                note("PINGREQ");
                c.sendHex("D0 00");
            }
            case 14 -> {
                note("DISCONNECT");
                return false;
            }
            default -> note("type " + p.type());
        }
        return true;
    }

    private static String hex(byte[] b, int from, int length) {
        return HexFormat.of().formatHex(b, from, from + length);
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        server.close();
        thread.join(5_000);
    }
}
