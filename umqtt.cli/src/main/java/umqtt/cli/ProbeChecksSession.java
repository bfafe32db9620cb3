package umqtt.cli;

import static umqtt.cli.ProbeResult.deviation;
import static umqtt.cli.ProbeResult.ok;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import umqtt.api.Message;
import umqtt.api.MqttException;

/** The checks of {@code umqtt probe} that span connections: kept sessions, wills, overlapping subscriptions. */
final class ProbeChecksSession {

    private ProbeChecksSession() {
    }

    static void persistentSession(ProbeContext p, List<ProbeResult> rows) throws IOException {
        String id = p.nextId();
        String q1 = p.topic("session/1");
        String q2 = p.topic("session/2");
        ProbeClient first = p.client(id);
        first.client.connect(false);
        first.client.subscribe(new byte[][] {bytes(q1), bytes(q2)}, new int[] {1, 2});
        first.disconnect();
        ProbeClient publisher = p.connected();
        publisher.client.publish(q1, bytes("queued 1"), false, 1);
        publisher.client.publish(q2, bytes("queued 2"), false, 2);
        publisher.disconnect();
        ProbeClient again = p.client(id);
        boolean present = again.client.connect(false);
        String tried = "subscribe QoS 1 and 2, disconnect, publish, reconnect with the same id";
        rows.add(present ? ok("session present", tried, "CONNACK session present 1")
                : deviation("session present", tried, "CONNACK session present 0 [MQTT-3.2.2-2]"));
        for (String topic : List.of(q1, q2)) {
            int qos = topic.equals(q1) ? 1 : 2;
            Message m = again.await(topic, p.timeout);
            String check = "queued QoS " + qos;
            String what = "QoS " + qos + " published while away";
            rows.add(m == null ? deviation(check, what, "not delivered within " + ProbeText.seconds(p.timeout)
                    + " of reconnecting [MQTT-3.1.2-5]")
                    : m.qos() == qos ? ok(check, what, "delivered at QoS " + qos + " on reconnect")
                    : deviation(check, what, "delivered at QoS " + m.qos() + " [MQTT 3.1.1 §3.8.4]"));
        }
        again.disconnect();
        ProbeClient end = p.client(id);
        end.client.connect(true); // ends the kept session on the broker
        end.disconnect();
    }

    static void qos2Outbound(ProbeContext p, List<ProbeResult> rows) throws IOException {
        ProbeClient c = p.connected();
        String tried = "PUBLISH QoS 2";
        try {
            c.client.publish(p.topic("qos2"), bytes("exactly once"), false, 2);
            rows.add(ok("QoS 2 to broker", tried, "PUBREC, then PUBCOMP for our PUBREL"));
            c.disconnect();
        } catch (MqttException e) {
            String message = String.valueOf(e.getMessage());
            rows.add(deviation("QoS 2 to broker", tried, message.contains("with PUBACK")
                    ? "answers QoS 2 with PUBACK: QoS 2 not done per MQTT-4.3.3"
                    : "broke the exchange [MQTT-4.3.3]: " + message));
        }
    }

    static void will(ProbeContext p, List<ProbeResult> rows) throws IOException {
        String topic = p.topic("will");
        ProbeClient watcher = p.connected();
        watcher.client.subscribe(topic + "/+", 1);
        ProbeClient dying = p.client();
        dying.client.setLastWill(bytes(topic + "/lost"), bytes("gone"), false, 1);
        dying.client.connect(true);
        long start = System.nanoTime();
        dying.close(); // the socket closes, no DISCONNECT
        Message m = watcher.await(topic + "/lost", p.timeout);
        String tried = "client with a will closes its socket without DISCONNECT";
        rows.add(m != null ? ok("will on loss", tried, "will delivered in " + ProbeText.ms(System.nanoTime() - start))
                : deviation("will on loss", tried, "no will within " + ProbeText.seconds(p.timeout) + " [MQTT-3.1.2-8]"));
        ProbeClient leaving = p.client();
        leaving.client.setLastWill(bytes(topic + "/left"), bytes("gone"), false, 1);
        leaving.client.connect(true);
        leaving.client.disconnect();
        Message left = watcher.await(topic + "/left", p.quiet);
        String cleanTried = "client with a will sends DISCONNECT";
        rows.add(left == null ? ok("no will on DISCONNECT", cleanTried, "nothing in " + ProbeText.seconds(p.quiet))
                : deviation("no will on DISCONNECT", cleanTried, "will delivered all the same [MQTT-3.14.4-3]"));
        watcher.disconnect();
    }

    static void overlapping(ProbeContext p, List<ProbeResult> rows) throws IOException {
        String base = p.topic("overlap");
        ProbeClient c = p.connected();
        c.client.subscribe(new byte[][] {bytes(base + "/#"), bytes(base + "/a")}, new int[] {1, 2});
        ProbeClient publisher = p.connected();
        publisher.client.publish(base + "/a", bytes("both"), false, 2);
        Message first = c.await(base + "/a", p.timeout);
        String tried = "subscribe overlap/# QoS 1 and overlap/a QoS 2, publish QoS 2 to overlap/a";
        if (first == null) {
            rows.add(deviation("overlapping subs", tried, "not delivered within " + ProbeText.seconds(p.timeout)));
            return;
        }
        c.collect(p.quiet);
        List<Message> copies = c.received.stream().filter(m -> m.topicString().equals(base + "/a")).toList();
        String qos = copies.stream().map(m -> Integer.toString(m.qos())).collect(Collectors.joining(" and "));
        if (copies.size() == 1 && first.qos() != 2) {
            rows.add(deviation("overlapping subs", tried, "one copy at QoS " + qos
                    + ", not the largest granted QoS 2 [MQTT-3.3.5-1]"));
        } else {
            rows.add(ok("overlapping subs", tried, copies.size() == 1 ? "one copy, at QoS " + qos
                    : copies.size() + " copies, at QoS " + qos));
        }
        c.disconnect();
        publisher.disconnect();
    }

    static void unsubscribe(ProbeContext p, List<ProbeResult> rows) throws IOException {
        String topic = p.topic("unsubscribe");
        ProbeClient c = p.connected();
        c.client.subscribe(topic, 1);
        c.client.unsubscribe(topic);
        c.client.publish(topic, bytes("after"), false, 1);
        Message m = c.await(topic, p.quiet);
        String tried = "subscribe, UNSUBSCRIBE, publish to it";
        rows.add(m == null ? ok("unsubscribe", tried, "UNSUBACK, nothing delivered in " + ProbeText.seconds(p.quiet))
                : deviation("unsubscribe", tried, "still delivered after UNSUBACK [MQTT-3.10.4-2]"));
        c.disconnect();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
