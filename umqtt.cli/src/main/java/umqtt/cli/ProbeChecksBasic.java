package umqtt.cli;

import static umqtt.cli.ProbeResult.deviation;
import static umqtt.cli.ProbeResult.ok;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import umqtt.api.Message;
import umqtt.api.MqttException;
import umqtt.cli.ProbeResult.Verdict;

/** The checks of {@code umqtt probe} every broker should pass: connect, round trips, QoS, retain, wildcards, $SYS. */
final class ProbeChecksBasic {

    private static final int ROUNDS = 5;

    private ProbeChecksBasic() {
    }

    static void connect(ProbeContext p, List<ProbeResult> rows) throws IOException {
        ProbeClient c = p.client();
        String tried = "CONNECT, clean session, id " + c.id;
        long start = System.nanoTime();
        boolean present;
        try {
            present = c.client.connect(true);
        } catch (MqttException e) {
            rows.add(new ProbeResult("connect", tried, e.code() >= 1 && e.code() <= 5 ? "CONNACK " + e.code()
                    + ": " + e.getMessage() : e.getMessage(), Verdict.FAILED));
            return;
        }
        String ms = ProbeText.ms(System.nanoTime() - start);
        rows.add(ok("connect", tried, "CONNACK accepted, session present " + (present ? 1 : 0) + ", in " + ms));
        c.disconnect();
    }

    static void roundTrip(ProbeContext p, List<ProbeResult> rows) throws IOException {
        ProbeClient c = p.connected();
        String topic = p.topic("rtt");
        c.client.subscribe(topic, 2);
        for (int qos = 0; qos <= 2; qos++) {
            long[] nanos = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                byte[] payload = ("rtt " + qos + " " + i).getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                c.client.publish(topic, payload, false, qos);
                Message m = c.await(x -> Arrays.equals(x.payload(), payload), p.timeout);
                if (m == null) {
                    rows.add(new ProbeResult("round trip QoS " + qos, "publish to own subscription",
                            "no delivery within " + ProbeText.seconds(p.timeout), Verdict.NO_ANSWER));
                    return;
                }
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            rows.add(ok("round trip QoS " + qos, "publish QoS " + qos + " to own subscription, " + ROUNDS + " times",
                    "median " + ProbeText.ms(nanos[ROUNDS / 2]) + " (min " + ProbeText.ms(nanos[0]) + ", max "
                            + ProbeText.ms(nanos[ROUNDS - 1]) + ")"));
        }
        c.disconnect();
    }

    static void grantedQos(ProbeContext p, List<ProbeResult> rows) throws IOException {
        ProbeClient c = p.connected();
        for (int qos = 0; qos <= 2; qos++) {
            int granted = c.client.subscribe(p.topic("granted/" + qos), qos);
            String check = "granted QoS " + qos;
            String tried = "SUBSCRIBE at QoS " + qos;
            if (granted == qos) {
                rows.add(ok(check, tried, "SUBACK " + granted));
            } else if (granted == 0x80) {
                rows.add(new ProbeResult(check, tried, "SUBACK 0x80: refused", Verdict.NOT_SUPPORTED));
            } else if (granted < qos) {
                rows.add(new ProbeResult(check, tried, "SUBACK " + granted + ": downgraded", Verdict.LIMIT));
            } else {
                rows.add(deviation(check, tried, "SUBACK " + granted + ": more than asked for [MQTT 3.1.1 §3.9.3]"));
            }
        }
        c.disconnect();
    }

    static void downgrade(ProbeContext p, List<ProbeResult> rows) throws IOException {
        String base = p.topic("downgrade/");
        ProbeClient c = p.connected();
        c.client.subscribe(base + "+", 1);
        c.client.publish(base + "a", bytes("down"), false, 2);
        Message m = c.await(base + "a", p.timeout);
        String tried = "subscribe downgrade/+ at QoS 1, publish QoS 2";
        rows.add(m == null ? new ProbeResult("QoS downgrade", tried, "not delivered within "
                + ProbeText.seconds(p.timeout), Verdict.NO_ANSWER)
                : m.qos() == 1 ? ok("QoS downgrade", tried, "delivered at QoS 1")
                : deviation("QoS downgrade", tried, "delivered at QoS " + m.qos()
                        + ", not the granted QoS 1 [MQTT 3.1.1 §3.8.4]"));
        c.disconnect();
    }

    static void retain(ProbeContext p, List<ProbeResult> rows) throws IOException {
        String topic = p.topic("retain");
        ProbeClient publisher = p.connected();
        p.retained(topic);
        publisher.client.publish(topic, "kept".getBytes(StandardCharsets.UTF_8), true, 1);
        ProbeClient late = p.connected();
        late.client.subscribe(topic, 1);
        Message m = late.await(topic, p.timeout);
        String tried = "publish retained, then subscribe";
        if (m == null) {
            rows.add(new ProbeResult("retain", tried, "nothing within " + ProbeText.seconds(p.timeout),
                    Verdict.NOT_SUPPORTED));
            rows.add(ProbeResult.skipped("retain cleared", "nothing retained to clear"));
            return;
        }
        rows.add(m.retained() ? ok("retain", tried, "delivered on subscribe, retain flag set")
                : deviation("retain", tried, "delivered without the retain flag [MQTT-3.3.1-8]"));
        publisher.client.publish(topic, new byte[0], true, 1);
        ProbeClient later = p.connected();
        later.client.subscribe(topic, 1);
        List<Message> got = later.collect(p.quiet);
        String clearTried = "publish empty retained, then subscribe";
        rows.add(got.isEmpty() ? ok("retain cleared", clearTried, "nothing in " + ProbeText.seconds(p.quiet))
                : deviation("retain cleared", clearTried, "still delivers " + got.get(0).payload().length
                        + " bytes retained [MQTT-3.3.1-10]"));
        publisher.disconnect();
        late.disconnect();
        later.disconnect();
    }

    static void wildcards(ProbeContext p, List<ProbeResult> rows) throws IOException {
        ProbeClient c = p.connected();
        String plus = p.topic("plus/");
        String hash = p.topic("hash");
        int[] granted = c.client.subscribe(new byte[][] {bytes(plus + "+/x"), bytes(hash + "/#")}, new int[] {1, 1});
        byte[] x = bytes("x");
        for (String topic : List.of(plus + "a/y", plus + "a/x", hash + "/a/b", hash)) {
            c.client.publish(topic, x, false, 1);
        }
        String plusTried = "subscribe " + ProbeText.shortTopic(p, plus) + "+/x, publish a/x and a/y";
        if (granted[0] == 0x80) {
            rows.add(new ProbeResult("wildcard +", plusTried, "SUBACK 0x80: refused", Verdict.NOT_SUPPORTED));
        } else {
            Message m = c.await(plus + "a/x", p.timeout);
            boolean wrong = c.received.stream().anyMatch(r -> r.topicString().equals(plus + "a/y"));
            rows.add(m == null ? new ProbeResult("wildcard +", plusTried, "a/x not delivered within "
                    + ProbeText.seconds(p.timeout), Verdict.DEVIATION)
                    : wrong ? deviation("wildcard +", plusTried, "delivers a/y too [MQTT-4.7.1-3]")
                    : ok("wildcard +", plusTried, "a/x delivered, a/y not"));
        }
        String hashTried = "subscribe " + ProbeText.shortTopic(p, hash) + "/#, publish hash/a/b and hash";
        if (granted[1] == 0x80) {
            rows.add(new ProbeResult("wildcard #", hashTried, "SUBACK 0x80: refused", Verdict.NOT_SUPPORTED));
        } else {
            Message deep = c.await(hash + "/a/b", p.timeout);
            Message parent = c.await(hash, p.quiet);
            rows.add(deep == null ? deviation("wildcard #", hashTried, "hash/a/b not delivered within "
                    + ProbeText.seconds(p.timeout))
                    : parent == null ? deviation("wildcard #", hashTried,
                            "hash/a/b delivered, the parent level hash not [MQTT-4.7.1-2]")
                    : ok("wildcard #", hashTried, "both delivered (# matches the parent level)"));
        }
        c.disconnect();
    }

    static void sys(ProbeContext p, List<ProbeResult> rows) throws IOException {
        ProbeClient c = p.connected();
        int granted = c.client.subscribe("$SYS/#", 0);
        List<Message> got = c.collect(p.quiet);
        String tried = "subscribe $SYS/#, watch " + ProbeText.seconds(p.quiet);
        if (granted == 0x80) {
            rows.add(new ProbeResult("$SYS", tried, "SUBACK 0x80: refused", Verdict.NOT_SUPPORTED));
        } else if (got.isEmpty()) {
            rows.add(new ProbeResult("$SYS", tried, "granted, nothing arrived", Verdict.NOT_SUPPORTED));
        } else {
            Message first = got.get(0);
            rows.add(ok("$SYS", tried, got.size() + (got.size() == 1 ? " message, e.g. " : " messages, e.g. ")
                    + first.topicString() + " = "
                    + ProbeText.payload(first.payload())));
        }
        c.disconnect();
        ProbeClient all = p.connected();
        all.client.subscribe("#", 0);
        List<Message> seen = all.collect(p.quiet);
        Message dollar = seen.stream().filter(m -> m.topicString().startsWith("$")).findFirst().orElse(null);
        String hashTried = "subscribe #, watch " + ProbeText.seconds(p.quiet);
        rows.add(dollar != null ? deviation("# skips $SYS", hashTried, "delivers " + dollar.topicString()
                + " [MQTT-4.7.2-1]")
                : ok("# skips $SYS", hashTried, "no $ topic among " + seen.size() + " messages"
                        + (got.isEmpty() ? " (no $SYS seen either: shows little)" : "")));
        all.disconnect();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
