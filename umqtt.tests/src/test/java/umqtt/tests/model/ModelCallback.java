package umqtt.tests.model;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import umqtt.api.Message;
import umqtt.api.MessageCallback;
import umqtt.api.MqttException;
import umqtt.tests.virtual.Traffic;
import umqtt.tests.virtual.VirtualConnection;
import umqtt.tests.virtual.WirePacket;

/**
 * The application's callback in a model-based run: takes each message, and, as the scenario says,
 * publishes, disconnects or throws. Checks exactly-once for QoS 2 and how many messages the client
 * holds read but not delivered.
 */
final class ModelCallback implements MessageCallback {

    /** The most messages a client may hold read but not yet delivered. */
    static final int HELD_BOUND = VirtualCallbackTest.HELD_BOUND;
    /** A flood: more than the client may hold. */
    static final int FLOOD = HELD_BOUND + 200;

    /** What the callback throws when the scenario says so. */
    static final class ApplicationFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ApplicationFailure(String message) {
            super(message);
        }
    }

    private final ModelRun run;
    private Op.Mode mode = Op.Mode.NONE;
    private int qos;
    private boolean inConnect;
    private boolean opCutBefore;
    private boolean disconnected;
    private boolean publishFailed;
    private boolean acted;
    private ApplicationFailure own;
    private final Set<Integer> held = new HashSet<>();

    ModelCallback(ModelRun run) {
        this.run = run;
    }

    void mode(Op.Mode mode, int qos) {
        this.mode = mode;
        this.qos = qos;
    }

    /** A new link: what the client held on the old one is gone; the callback only takes messages meanwhile. */
    void beginConnect() {
        inConnect = true;
        held.clear();
    }

    void endConnect() {
        inConnect = false;
    }

    void beginOp(boolean cutBefore) {
        opCutBefore = cutBefore;
        disconnected = false;
        publishFailed = false;
        acted = false;
        own = null;
    }

    /** @return whether the callback ended the link during this call (disconnect, or a failed publish it swallowed) */
    boolean disconnected() {
        return disconnected || publishFailed;
    }

    /** @return whether the callback called disconnect() during this call (and no publish of its own failed) */
    boolean disconnectedItself() {
        return disconnected && !publishFailed;
    }

    /** @return whether an I/O failure of the call may come from what the callback did */
    boolean excusesIoFailure() {
        return disconnected || publishFailed;
    }

    /** @return whether the callback did nothing but take messages during this call */
    boolean quiet() {
        return !acted;
    }

    /** @return whether {@code e} is, or wraps, the exception this callback threw during this call */
    boolean isItsOwn(RuntimeException e) {
        return own != null && (e == own || e.getCause() == own);
    }

    /** Every packet the client read: counts the messages it holds. */
    void clientRead(Traffic.Entry e) {
        if (e.type() != WirePacket.PUBLISH) {
            return;
        }
        Deliveries.Msg msg = run.msgs.byPayload(e.packet().payload());
        if (msg != null && !(msg.qos == 2 && msg.delivered > 0)) {
            held.add(msg.seq);
            if (held.size() > HELD_BOUND) {
                String what = "t=" + run.clock.millis() + " ms: the client holds " + held.size()
                        + " messages it read but did not deliver, over the bound of " + HELD_BOUND
                        + " (it should stop reading and let TCP push back)";
                run.violations.add(what);
                throw new AssertionError(what);
            }
        }
    }

    @Override
    public void onMessage(Message m) {
        Deliveries.Msg msg = run.msgs.byPayload(m.payload());
        if (msg == null) {
            run.violations.add("t=" + run.clock.millis() + " ms: delivered " + m + ", which the broker never sent");
            return;
        }
        held.remove(msg.seq);
        boolean acts = !inConnect && (msg.topic.startsWith("in/") || msg.topic.equals("flood/1"));
        Op.Mode action = acts ? mode : Op.Mode.NONE;
        if (action == Op.Mode.THROW) {
            mode = Op.Mode.NONE;
            msg.threw = true;
            own = new ApplicationFailure("the application's callback failed on " + msg);
            throw own;
        }
        if (msg.qos == 2 && msg.delivered > 0) {
            run.violations.add("t=" + run.clock.millis() + " ms: " + msg + " delivered a second time (QoS 2 is exactly "
                    + "once)" + (m.dup() ? " from a DUP re-send" : ""));
        }
        msg.delivered++;
        if (action == Op.Mode.DISCONNECT) {
            mode = Op.Mode.NONE;
            acted = true;
            disconnected = true;
            try {
                run.client.disconnect();
            } catch (IOException e) {
                // disconnecting a link that failed: nothing left to tell the broker
            }
        } else if (action == Op.Mode.PUBLISH) {
            acted = true;
            publish();
        }
        msg.returned = true;
    }

    /** The callback publishes a message of its own; an I/O failure it swallows, as a careless callback does. */
    private void publish() {
        Publications.Pub pub = run.pubs.start(qos);
        pub.blocking = true;
        try {
            run.client.publish("out", pub.payload(), false, qos);
        } catch (MqttException e) {
            run.violations.add("t=" + run.clock.millis() + " ms: the callback's publish of " + pub
                    + " reported a protocol error: " + ModelRun.describe(e));
        } catch (IOException e) {
            publishFailed = true;
            VirtualConnection c = run.link.current();
            boolean backPressure = c.packetsDue() > 0 || c.packetsDueAtClose() > 0; // it stopped reading
            if (!(opCutBefore || run.broker.linkCut() || run.broker.dead() || run.broker.slowOnLink() || disconnected || backPressure)) {
                run.violations.add("t=" + run.clock.millis() + " ms: the callback's publish of " + pub
                        + " failed on a live link whose broker answers in time: " + ModelRun.describe(e));
            }
        } catch (IllegalStateException e) {
            pub.exempt = true;
            if (!disconnected() || e.getMessage() == null) {
                run.violations.add("t=" + run.clock.millis() + " ms: the callback's publish of " + pub + " failed: "
                        + ModelRun.describe(e));
            }
        }
    }
}
