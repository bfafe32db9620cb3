package umqtt.mqtt5;

import java.util.ArrayList;
import java.util.List;
import umqtt.mqtt5.codec.Packet;

/** The SUBSCRIBE and UNSUBSCRIBE requests awaiting their SUBACK or UNSUBACK, by packet identifier. */
final class Requests {

    /** One request; {@code answer} is set when its acknowledgement arrives. */
    static final class Pending {
        final int id;
        final int answerType;
        Packet.Acks answer;

        Pending(int id, int answerType) {
            this.id = id;
            this.answerType = answerType;
        }
    }

    private final SessionState session;
    private final List<Pending> pending = new ArrayList<>();

    Requests(SessionState session) {
        this.session = session;
    }

    Pending add(int answerType) {
        Pending p = new Pending(session.takeRequestId(), answerType);
        pending.add(p);
        return p;
    }

    /** @return false when no request awaits this answer */
    boolean complete(Packet.Acks answer) {
        for (Pending p : pending) {
            if (p.id == answer.id() && p.answerType == answer.type()) {
                p.answer = answer;
                remove(p);
                return true;
            }
        }
        return false;
    }

    void remove(Pending p) {
        if (pending.remove(p)) {
            session.releaseRequestId(p.id);
        }
    }

    /** The link dropped: no answer will come. */
    void clear() {
        pending.clear();
        session.clearRequestIds();
    }
}
