package umqtt.tests.model;

import static umqtt.tests.virtual.WirePacket.PUBLISH;
import static umqtt.tests.virtual.WirePacket.PUBREL;

import java.util.ArrayList;
import java.util.List;
import umqtt.tests.virtual.Traffic;

/**
 * After connect(false): the client completes what it had in flight, in the order it first
 * published it. With the session kept, unacknowledged PUBLISHes again (DUP is checked by the
 * broker) and PUBRELs for those whose PUBREC it had read [MQTT-4.4.0-1], [MQTT-4.6.0-1..4];
 * with the session lost, the unacknowledged ones published afresh and the PUBREC'd ones dropped
 * (they reached the broker).
 */
final class ResendCheck {

    private final ModelRun run;

    ResendCheck(ModelRun run) {
        this.run = run;
    }

    /**
     * @param before the messages in flight before connect, in publishing order
     * @param readPubrec for each, whether the client had read its PUBREC then
     * @param during the packets that crossed during connect
     */
    void check(List<Publications.Pub> before, List<Boolean> readPubrec, List<Traffic.Entry> during) {
        boolean sessionPresent = run.broker.sessionPresent();
        List<Integer> expectPublish = new ArrayList<>();
        List<Integer> expectPubrel = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Publications.Pub p = before.get(i);
            if (p.exempt) {
                continue;
            }
            if (!readPubrec.get(i)) {
                expectPublish.add(p.seq);
            } else if (sessionPresent) {
                expectPubrel.add(p.seq);
            }
        }
        List<Integer> published = new ArrayList<>();
        List<Integer> released = new ArrayList<>();
        for (Traffic.Entry e : during) {
            if (!e.toServer()) {
                continue;
            }
            if (e.type() == PUBLISH) {
                Publications.Pub p = run.pubs.byPayload(e.packet().payload());
                if (p != null && before.contains(p) && !p.exempt) {
                    published.add(p.seq);
                }
            } else if (e.type() == PUBREL) {
                for (int i = 0; i < before.size(); i++) {
                    Publications.Pub p = before.get(i);
                    if (p.id == e.packet().packetId() && readPubrec.get(i) && !p.exempt) {
                        released.add(p.seq);
                    }
                }
            }
        }
        String session = sessionPresent ? "session kept" : "session lost";
        if (!published.equals(expectPublish)) {
            run.violations.add("t=" + run.clock.millis() + " ms: connect(false), " + session + ": the client "
                    + "re-published " + names(published) + " but owed " + names(expectPublish)
                    + ", in their original order [MQTT-4.4.0-1]" + (sessionPresent ? "" : " (session rule: afresh)"));
        }
        if (!released.equals(expectPubrel)) {
            run.violations.add("t=" + run.clock.millis() + " ms: connect(false), " + session + ": the client "
                    + "re-sent PUBREL for " + names(released) + " but owed it for " + names(expectPubrel)
                    + " [MQTT-4.4.0-1], [MQTT-4.6.0-3]");
        }
    }

    private static String names(List<Integer> seqs) {
        return seqs.stream().map(s -> "p" + s).toList().toString();
    }
}
