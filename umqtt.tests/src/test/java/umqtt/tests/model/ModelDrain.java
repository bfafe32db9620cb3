package umqtt.tests.model;

import java.io.IOException;
import umqtt.tests.virtual.BlockedForeverError;

/**
 * The end of a run: the broker answers at once again, the client reconnects and reads until
 * nothing is owed, and then what the run promised must hold: every QoS 1/2 message the
 * application published reached the broker and was completed (the session rule), every QoS 1/2
 * message the broker sent on a kept session was delivered, QoS 2 once.
 */
final class ModelDrain {

    private static final int ROUNDS = 3;
    /** Enough for a client that still holds a flood's worth of deliveries from before. */
    private static final int READS_PER_ROUND = 3 * ModelCallback.FLOOD;

    private final ModelRun run;

    ModelDrain(ModelRun run) {
        this.run = run;
    }

    void drainAndCheck() {
        run.callback.mode(Op.Mode.NONE, 0);
        run.broker.answerDelay(0);
        for (int round = 0; round < ROUNDS && owed(); round++) {
            if (run.connected) {
                try {
                    run.client.disconnect(); // a fresh link: the broker re-sends what it has in flight
                } catch (IOException e) {
                    // the old link was gone already
                }
                run.connected = false;
            }
            if (!run.ensureConnected()) {
                continue;
            }
            for (int i = 0; i < READS_PER_ROUND && owed() && run.connected; i++) {
                if (run.link.current().packetsUnread() == 0) {
                    run.broker.send(0, "tick", 10, false); // something to read, so waitMsg returns
                }
                run.callback.beginOp(false);
                run.link.watchdog(run.clock.millis() + 3_600_000L);
                try {
                    run.client.waitMsg();
                } catch (IOException e) {
                    run.connected = false;
                    if (!run.broker.slowOnLink() && !run.broker.dead()) {
                        run.violations.add("t=" + run.clock.millis() + " ms: waitMsg failed while draining on a live "
                                + "link: " + ModelRun.describe(e));
                    }
                } catch (RuntimeException | BlockedForeverError e) {
                    run.violations.add("t=" + run.clock.millis() + " ms: waitMsg failed while draining: "
                            + ModelRun.describe(e));
                    return;
                } finally {
                    run.link.watchdog(umqtt.tests.virtual.VirtualLink.DEFAULT_WATCHDOG_MS);
                }
            }
        }
        for (Publications.Pub p : run.pubs.all()) {
            if (p.qos > 0 && !p.exempt && !p.brokerReceived) {
                run.violations.add(p + " never reached the broker (session rule: a QoS 1/2 publish that failed is "
                        + "completed by the next connect(false))");
            } else if (p.inFlight()) {
                run.violations.add(p + " was never completed");
            } else if (p.ticket > 0 && p.qos > 0 && !p.exempt && p.reports != 1) {
                run.violations.add(p + " (ticket " + p.ticket + ") was reported to the ack listener " + p.reports
                        + " times, not once");
            }
        }
        for (Deliveries.Msg m : run.msgs.all()) {
            if (m.qos > 0 && !m.lost && !m.threw && m.delivered == 0) {
                run.violations.add(m + " was never delivered (QoS " + m.qos + " on a kept session)");
            } else if (m.inFlight()) {
                run.violations.add(m + " was never acknowledged");
            }
        }
    }

    private boolean owed() {
        return !run.pubs.inFlight().isEmpty() || !run.msgs.inFlight().isEmpty();
    }
}
