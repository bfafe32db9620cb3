package umqtt.cli;

import static umqtt.cli.ProbeResult.deviation;
import static umqtt.cli.ProbeResult.ok;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import umqtt.cli.ProbeResult.Verdict;

/**
 * The checks of {@code umqtt probe} written packet by packet ({@link ProbeRaw}): the broker's
 * half of a QoS 2 exchange, a wildcard in a topic name, and keepalive enforcement.
 */
final class ProbeChecksRaw {

    /** The keepalive of the silent client of {@link #keepAlive}, in seconds. */
    static final int KEEPALIVE = 2;

    private ProbeChecksRaw() {
    }

    static void qos2Inbound(ProbeContext p, List<ProbeResult> rows) throws IOException {
        String topic = p.topic("qos2in");
        String check = "QoS 2 from broker";
        String tried = "subscribe QoS 2, answer its PUBLISH with PUBREC";
        try (ProbeRaw raw = connected(p)) {
            ByteArrayOutputStream subscribe = new ByteArrayOutputStream();
            subscribe.write(new byte[] {0, 1});
            subscribe.write(ProbeRaw.string(topic));
            subscribe.write(2);
            raw.send(0x82, subscribe.toByteArray());
            ProbeRaw.Packet suback = expect(raw, p, 9);
            if (suback == null) {
                rows.add(noAnswer(check, tried, "no SUBACK", p));
                return;
            }
            ProbeClient publisher = p.connected();
            publisher.client.publish(topic, "exactly once".getBytes(StandardCharsets.UTF_8), false, 2);
            ProbeRaw.Packet publish = expect(raw, p, 3);
            if (publish == null) {
                rows.add(noAnswer(check, tried, "no PUBLISH", p));
                return;
            }
            int qos = publish.header() >> 1 & 3;
            if (qos != 2) {
                rows.add(new ProbeResult(check, tried, "delivered at QoS " + qos + " though granted "
                        + (suback.body()[2] & 0xff), qos < (suback.body()[2] & 0xff) ? Verdict.DEVIATION : Verdict.LIMIT));
                return;
            }
            int topicLength = (publish.body()[0] & 0xff) << 8 | publish.body()[1] & 0xff;
            int id = (publish.body()[2 + topicLength] & 0xff) << 8 | publish.body()[3 + topicLength] & 0xff;
            raw.ack(0x50, id);
            ProbeRaw.Packet pubrel = raw.read(p.timeout);
            if (pubrel == null) {
                rows.add(noAnswer(check, tried, "PUBLISH QoS 2, then no PUBREL", p));
            } else if (pubrel.header() != 0x62 || pubrel.id() != id) {
                rows.add(deviation(check, tried, "PUBLISH QoS 2, then packet type " + pubrel.type()
                        + " where PUBREL belongs [MQTT-4.3.3]"));
            } else {
                raw.ack(0x70, id);
                rows.add(ok(check, tried, "PUBLISH QoS 2, PUBREL, our PUBCOMP"));
            }
        } catch (EOFException e) {
            rows.add(deviation(check, tried, "closed the connection [MQTT-4.3.3]"));
        }
    }

    static void wildcardTopicName(ProbeContext p, List<ProbeResult> rows) throws IOException {
        String check = "+ in topic name";
        String tried = "PUBLISH QoS 1 to a topic with + (invalid)";
        try (ProbeRaw raw = connected(p)) {
            ByteArrayOutputStream publish = new ByteArrayOutputStream();
            publish.write(ProbeRaw.string(p.topic("bad/+/name")));
            publish.write(new byte[] {0, 1, 'x'});
            raw.send(0x32, publish.toByteArray());
            ProbeRaw.Packet answer = raw.read(p.timeout);
            rows.add(answer == null ? noAnswer(check, tried, "neither PUBACK nor a close", p)
                    : deviation(check, tried, "answered with packet type " + answer.type()
                            + ", kept the connection [MQTT-3.3.2-2]"));
        } catch (EOFException e) {
            rows.add(ok(check, tried, "closed the connection"));
        }
    }

    static void keepAlive(ProbeContext p, List<ProbeResult> rows) throws IOException {
        String check = "keepalive";
        String tried = "keepalive " + KEEPALIVE + " s, then silence";
        if (!p.slow) {
            rows.add(ProbeResult.skipped(check, "takes seconds: --slow runs it"));
            return;
        }
        Duration allowed = Duration.ofMillis(KEEPALIVE * 1500L);
        try (ProbeRaw raw = connected(p, KEEPALIVE)) {
            long start = System.nanoTime();
            try {
                while (System.nanoTime() - start < allowed.toNanos() * 3) {
                    raw.read(Duration.ofMillis(200));
                }
                rows.add(deviation(check, tried, "still connected after " + ProbeText.seconds(allowed.multipliedBy(3))
                        + " [MQTT-3.1.2-24]"));
            } catch (EOFException e) {
                long took = System.nanoTime() - start;
                // A broker checks its clients on a timer: a second beyond 1.5 x keepalive is its granularity.
                boolean inTime = took <= allowed.plusSeconds(1).toNanos();
                String got = "disconnected after " + ProbeText.ms(took);
                rows.add(inTime ? ok(check, tried, got + " (1.5 x keepalive is " + ProbeText.seconds(allowed) + ")")
                        : deviation(check, tried, got + ", " + ProbeText.ms(took - allowed.toNanos())
                                + " later than 1.5 x keepalive (" + ProbeText.seconds(allowed) + ") [MQTT-3.1.2-24]"));
            }
        }
    }

    private static ProbeRaw connected(ProbeContext p) throws IOException {
        return connected(p, 60);
    }

    /** Opens a raw connection with a clean session; an EOFException when the broker closes it at once. */
    private static ProbeRaw connected(ProbeContext p, int keepAlive) throws IOException {
        ProbeRaw raw = ProbeRaw.open(p);
        try {
            raw.connect(p.connect, p.nextId(), true, keepAlive);
            ProbeRaw.Packet connack = raw.read(p.timeout);
            if (connack == null) {
                throw new SocketTimeoutException("no CONNACK within " + ProbeText.seconds(p.timeout));
            }
            if (connack.type() != 2 || connack.body().length != 2 || connack.body()[1] != 0) {
                throw new IOException("CONNECT answered with packet type " + connack.type()
                        + (connack.type() == 2 && connack.body().length == 2 ? ", return code " + connack.body()[1] : ""));
            }
            return raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** @return the next packet if it has the given type, null when none came; other types are skipped */
    private static ProbeRaw.Packet expect(ProbeRaw raw, ProbeContext p, int type) throws IOException {
        long deadline = System.nanoTime() + p.timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ProbeRaw.Packet packet = raw.read(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (packet != null && packet.type() == type) {
                return packet;
            }
        }
        return null;
    }

    private static ProbeResult noAnswer(String check, String tried, String got, ProbeContext p) {
        return new ProbeResult(check, tried, got + " within " + ProbeText.seconds(p.timeout), Verdict.NO_ANSWER);
    }
}
