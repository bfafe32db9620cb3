package umqtt.cli;

import static umqtt.cli.ProbeResult.deviation;
import static umqtt.cli.ProbeResult.ok;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import umqtt.api.Message;
import umqtt.api.MqttException;
import umqtt.cli.ProbeResult.Verdict;

/** The size limits of {@code umqtt probe}: topic length, payload size, client id length, the empty client id. */
final class ProbeChecksLimits {

    /** The longest string MQTT 3.1.1 can carry, and so the longest topic and client id. */
    static final int MAX_STRING = 65_535;
    /** The client id length every broker must accept [MQTT-3.1.3-5]. */
    private static final int REQUIRED_ID = 23;

    private ProbeChecksLimits() {
    }

    static void topicLength(ProbeContext p, List<ProbeResult> rows) throws IOException {
        String base = p.topic("topic/");
        Loop loop = new Loop(p);
        ProbeSearch.Outcome o = ProbeSearch.largest(base.length() + 1, MAX_STRING, n -> {
            String topic = base + "t".repeat(n - base.length());
            return loop.refusal(topic, new byte[] {1}, c -> c.client.subscribe(topic, 1));
        });
        rows.add(sized("max topic length", "subscribe and publish topics of up to " + MAX_STRING + " bytes", o,
                base.length() + 1, MAX_STRING, "the protocol's maximum"));
        loop.close();
    }

    static void payloadSize(ProbeContext p, List<ProbeResult> rows) throws IOException {
        String topic = p.topic("payload");
        Loop loop = new Loop(p);
        ProbeSearch.Outcome o = ProbeSearch.largest(1, p.maxPayload,
                n -> loop.refusal(topic, new byte[n], c -> c.client.subscribe(topic, 1)));
        rows.add(sized("max payload", "publish QoS 1 to own subscription, up to "
                + ProbeText.bytes(p.maxPayload) + " bytes", o, 1, p.maxPayload,
                p.maxPayload < ProbeCommand.MAX_PAYLOAD ? "the bound: --max-payload tries more" : "the largest payload tried"));
        loop.close();
    }

    static void clientIdLength(ProbeContext p, List<ProbeResult> rows) throws IOException {
        ProbeSearch.Outcome o = ProbeSearch.largest(REQUIRED_ID, MAX_STRING, n -> {
            String base = p.nextId();
            String id = base.length() >= n ? base.substring(base.length() - n) : base + "x".repeat(n - base.length());
            ProbeClient c = p.client(id);
            try {
                c.client.connect(true);
                c.disconnect();
                return null;
            } catch (MqttException e) {
                return "CONNACK " + e.code() + (e.code() == MqttException.IDENTIFIER_REJECTED ? " (identifier rejected)" : "");
            } catch (IOException e) {
                return describe(e, p.timeout);
            } finally {
                c.close();
            }
        });
        ProbeResult row = sized("max client id", "CONNECT with ids of " + REQUIRED_ID + " to " + MAX_STRING + " bytes", o,
                REQUIRED_ID, MAX_STRING, "the protocol's maximum");
        rows.add(o.largest() < REQUIRED_ID ? deviation(row.check(), row.tried(), row.got() + " [MQTT-3.1.3-5]") : row);
    }

    static void emptyId(ProbeContext p, List<ProbeResult> rows) throws IOException {
        ProbeClient c = p.client("");
        String tried = "CONNECT with an empty id, clean session";
        try {
            c.client.connect(true);
            rows.add(ok("empty id, clean", tried, "CONNACK accepted"));
            c.disconnect();
        } catch (MqttException e) {
            rows.add(deviation("empty id, clean", tried, "CONNACK " + e.code() + ": refused [MQTT-3.1.3-6]"));
        }
        String keptTried = "CONNECT with an empty id, kept session";
        try (ProbeRaw raw = ProbeRaw.open(p)) {
            raw.connect(p.connect, "", false, 60);
            ProbeRaw.Packet connack = raw.read(p.timeout);
            if (connack == null) {
                rows.add(new ProbeResult("empty id, kept", keptTried, "no answer within " + ProbeText.seconds(p.timeout),
                        Verdict.NO_ANSWER));
            } else if (connack.type() != 2 || connack.body().length != 2) {
                rows.add(deviation("empty id, kept", keptTried, "answered with packet type " + connack.type()));
            } else {
                int code = connack.body()[1] & 0xff;
                rows.add(code == MqttException.IDENTIFIER_REJECTED ? ok("empty id, kept", keptTried, "CONNACK 2: refused")
                        : deviation("empty id, kept", keptTried, "CONNACK " + code + " where MQTT-3.1.3-8 asks for 2"));
            }
        } catch (EOFException e) {
            rows.add(deviation("empty id, kept", keptTried, "closed the connection without CONNACK 2 [MQTT-3.1.3-8]"));
        }
    }

    /** A row for a size search between {@code lo} and {@code hi}. */
    private static ProbeResult sized(String check, String tried, ProbeSearch.Outcome o, int lo, int hi, String what) {
        String steps = o.steps() + (o.steps() == 1 ? " step" : " steps");
        if (o.largest() == hi) {
            return ok(check, tried, ProbeText.bytes(hi) + " accepted (" + what + "; " + steps + ")");
        }
        steps = " (" + steps + ")";
        if (o.largest() < lo) {
            return new ProbeResult(check, tried, "not even " + lo + " bytes: " + o.refusal() + steps,
                    o.refusal().startsWith("no answer") ? Verdict.NO_ANSWER : Verdict.FAILED);
        }
        return new ProbeResult(check, tried, ProbeText.bytes(o.largest()) + " accepted, " + o.smallestRefused() + ": "
                + o.refusal() + steps, Verdict.LIMIT);
    }

    static String describe(IOException e, Duration timeout) {
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + ProbeText.seconds(timeout);
        }
        if (e instanceof MqttException m) {
            return "refused (" + m.getMessage() + ")";
        }
        return "connection closed (" + e.getMessage() + ")";
    }

    /** What a step does on a connected client before publishing (subscribe to the topic). */
    private interface Setup {
        void on(ProbeClient c) throws IOException;
    }

    /** One client publishing to itself, replaced by a fresh one after a step that failed. */
    private static final class Loop {
        private final ProbeContext p;
        private ProbeClient c;

        Loop(ProbeContext p) {
            this.p = p;
        }

        /** @return null when {@code payload} on {@code topic} came back, else what happened */
        String refusal(String topic, byte[] payload, Setup setup) {
            try {
                if (c == null) {
                    c = p.connected();
                }
                setup.on(c);
                c.client.publish(topic, payload, false, 1);
                Duration within = p.timeout.plusMillis(payload.length / 20_000); // 20 MB/s at worst
                Message m = c.await(x -> x.topicString().equals(topic) && x.payload().length == payload.length, within);
                if (m == null) {
                    close();
                    return "not delivered within " + ProbeText.seconds(within);
                }
                c.client.unsubscribe(topic);
                c.received.clear();
                return null;
            } catch (IOException | IllegalStateException e) {
                close();
                return e instanceof IOException io ? describe(io, p.timeout) : "connection closed";
            }
        }

        void close() {
            if (c != null) {
                c.close();
                c = null;
            }
        }
    }
}
