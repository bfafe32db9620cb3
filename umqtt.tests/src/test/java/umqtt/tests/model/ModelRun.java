package umqtt.tests.model;

import static umqtt.tests.virtual.WirePacket.PUBLISH;
import static umqtt.tests.virtual.WirePacket.PUBREL;
import static umqtt.tests.virtual.WirePacket.SUBSCRIBE;
import static umqtt.tests.virtual.WirePacket.UNSUBSCRIBE;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import umqtt.api.MqttException;
import umqtt.simple.SimpleClient;
import umqtt.tests.virtual.BlockedForeverError;
import umqtt.tests.virtual.Traffic;
import umqtt.tests.virtual.VirtualClock;
import umqtt.tests.virtual.VirtualConnection;
import umqtt.tests.virtual.VirtualLink;

/**
 * Runs one {@link Scenario} against a real {@link SimpleClient} on a {@link VirtualLink} with a
 * {@link BrokerModel}, checking after every step what the client may and may not do. Fails with
 * an {@link AssertionError} that names the step, the violations and the last packets.
 */
final class ModelRun {

    /** A run is stopped when one operation keeps the client waiting this long (virtual). */
    private static final long WATCHDOG_MS = 24 * 3_600_000L;

    final Scenario scenario;
    final VirtualClock clock = new VirtualClock();
    final Publications pubs = new Publications();
    final Deliveries msgs = new Deliveries();
    final List<String> violations = new ArrayList<>();
    final BrokerModel broker;
    final VirtualLink link;
    final SimpleClient client;
    final ModelCallback callback;

    boolean connected;
    /** The last ticket send gave out, as the model counts: every send that passed its checks took one. */
    private long tickets;
    private boolean everConnected;
    private boolean connecting;
    /** The client blocked forever where the contract lets it (keepalive off, dead link): nothing more to run. */
    private boolean stopped;

    ModelRun(Scenario scenario) {
        this.scenario = scenario;
        this.broker = new BrokerModel(scenario, clock, pubs, msgs, violations);
        this.link = new VirtualLink(clock, broker);
        this.client = link.client().keepAlive(Duration.ofSeconds(scenario.keepAliveSeconds()))
                .responseTimeout(Duration.ofMillis(scenario.responseTimeoutMs())).maxInFlight(scenario.window()).build();
        this.callback = new ModelCallback(this);
        broker.connecting(() -> connecting);
        client.setCallback(callback);
        client.setAckListener(this::acknowledged);
        link.observe(e -> {
            if (!e.toServer()) {
                broker.clientRead(e);
                callback.clientRead(e);
            }
        });
    }

    /** Runs every operation, then drains and checks what must hold at the end. */
    void run() {
        List<Op> ops = scenario.ops();
        try {
            for (int i = 0; i < ops.size() && !stopped; i++) {
                try {
                    step(ops.get(i));
                } catch (Throwable e) {
                    violations.add("t=" + clock.millis() + " ms: " + ops.get(i) + " failed the run with " + describe(e));
                }
                checkInFlight();
                if (link.writesAfterClose() > 0) {
                    violations.add("t=" + clock.millis() + " ms: the client wrote to a link it had closed itself");
                }
                failIfViolated("after step " + (i + 1) + " (" + ops.get(i) + ")");
            }
            if (!stopped) {
                new ModelDrain(this).drainAndCheck();
                failIfViolated("at the end, after the client was given every chance to finish");
            }
        } finally {
            client.close();
        }
    }

    private void step(Op op) {
        if (op instanceof Op.Idle idle) {
            clock.advanceMillis(idle.ms());
        } else if (op instanceof Op.AnswerDelay d) {
            broker.answerDelay(d.ms());
        } else if (op instanceof Op.Dead) {
            broker.die();
        } else if (op instanceof Op.Cut cut) {
            broker.cut(cut.keepSession(), cut.afterMs());
        } else if (op instanceof Op.Callback cb) {
            callback.mode(cb.mode(), cb.qos());
        } else if (op instanceof Op.Inbound in) {
            for (int n = 0; n < in.count(); n++) {
                broker.send(in.qos(), "in/" + n, in.afterMs(), in.duplicate());
            }
        } else if (op instanceof Op.Flood f) {
            for (int n = 1; n <= ModelCallback.FLOOD; n++) {
                broker.send(0, "flood/" + n, f.afterMs(), false);
            }
        } else if (ensureConnected()) {
            call(op);
        }
    }

    /** Connects (clean the first time, then connect(false)) unless connected; checks the re-sends. */
    boolean ensureConnected() {
        if (connected) {
            return true;
        }
        List<Publications.Pub> before = pubs.inFlight().stream().toList();
        List<Boolean> readPubrec = before.stream().map(p -> p.clientReadPubrec).toList();
        int start = link.traffic().all().size();
        callback.beginConnect();
        connecting = true;
        try {
            client.connect(!everConnected);
            connected = true;
        } catch (IOException e) {
            if (!broker.slowOnLink()) {
                violations.add("t=" + clock.millis() + " ms: connect failed though the broker answers in time: "
                        + describe(e));
            }
            return false;
        } catch (RuntimeException | BlockedForeverError e) {
            violations.add("t=" + clock.millis() + " ms: connect failed with " + describe(e));
            return false;
        } finally {
            connecting = false;
            callback.endConnect();
        }
        if (everConnected) {
            new ResendCheck(this).check(before, readPubrec, link.traffic().all().subList(start,
                    link.traffic().all().size()));
        }
        everConnected = true;
        return true;
    }

    /** One call of the application on the client, and what its outcome may be. */
    private void call(Op op) {
        long start = clock.millis();
        VirtualConnection conn = link.current();
        boolean cutBefore = !conn.isOpen() && !conn.closedByClient();
        callback.beginOp(cutBefore);
        link.watchdog(start + WATCHDOG_MS);
        Publications.Pub pub = null;
        try {
            if (op instanceof Op.Publish p) {
                pub = pubs.start(p.qos());
                pub.blocking = true;
                client.publish("out", pub.payload(), false, p.qos());
            } else if (op instanceof Op.Send p) {
                pub = pubs.start(p.qos());
                pub.ticket = tickets + 1; // taken once the send passed its checks, whatever follows
                try {
                    long ticket = client.send("out", pub.payload(), false, p.qos());
                    tickets++;
                    if (ticket != pub.ticket) {
                        violations.add("t=" + clock.millis() + " ms: send gave " + pub + " ticket " + ticket
                                + " where " + pub.ticket + " was next");
                    }
                } catch (IllegalStateException | IllegalArgumentException e) {
                    pub.ticket = 0; // refused before it took one
                    throw e;
                } catch (IOException | RuntimeException e) {
                    tickets++;
                    throw e;
                }
            } else if (op instanceof Op.Flush f) {
                boolean empty = client.flush(Duration.ofMillis(f.timeoutMs()));
                if (empty && pubs.owed() > 0) {
                    violations.add("t=" + clock.millis() + " ms: flush returned true with " + pubs.owed()
                            + " messages unacknowledged: " + pubs.inFlight());
                }
            } else if (op instanceof Op.Subscribe s) {
                client.subscribe("in/#", s.qos());
            } else if (op instanceof Op.Unsubscribe) {
                client.unsubscribe("in/#");
            } else if (op instanceof Op.Ping) {
                client.ping();
            } else if (op instanceof Op.CheckMsg) {
                client.checkMsg();
            } else if (op instanceof Op.WaitMsg w) {
                broker.send(0, "tick", w.tickAfterMs(), false);
                client.waitMsg();
            } else {
                throw new IllegalArgumentException("not a client call: " + op);
            }
        } catch (MqttException e) {
            connected = false;
            violations.add("t=" + clock.millis() + " ms: " + op + " reported a protocol error, though the broker "
                    + "keeps to the protocol: " + describe(e));
        } catch (IOException e) {
            connected = false;
            if (!(cutBefore || broker.linkCut() || broker.dead() || broker.slowOnLink() || callback.excusesIoFailure())) {
                violations.add("t=" + clock.millis() + " ms: " + op + " (called at " + start + " ms) failed on a live "
                        + "link whose broker answers within " + scenario.healthyDelayMs() + " ms: " + describe(e));
            } else if (callback.disconnectedItself() && !(cutBefore || broker.linkCut() || broker.dead()
                    || broker.slowOnLink()) && !saysDisconnected(e)) {
                violations.add("t=" + clock.millis() + " ms: " + op + " failed after the callback disconnected, "
                        + "with an error that does not say so: " + describe(e));
            } else if (broker.dead() && !cutBefore && !broker.linkCut() && callback.quiet()) {
                new DetectionCheck(this).check(op, conn, start);
            }
        } catch (BlockedForeverError e) {
            if (!e.watchdog() && op instanceof Op.WaitMsg && scenario.keepAliveSeconds() == 0 && broker.dead()) {
                stopped = true; // keepalive off on a dead link: waiting forever is what the application asked for
            } else {
                throw e;
            }
        } catch (RuntimeException e) {
            if (callback.isItsOwn(e)) {
                if (pub != null && pub.ticket > 0) {
                    pub.exempt = true; // whether a send the callback interrupted is kept is not pinned down
                }
                return; // the application's exception reaches the application; the link stays
            }
            if (!(e instanceof IllegalStateException && e.getMessage() != null && callback.disconnected())) {
                throw e;
            }
        } finally {
            link.watchdog(VirtualLink.DEFAULT_WATCHDOG_MS);
            if (callback.disconnected()) {
                connected = false;
                if (pub != null) {
                    pub.exempt = true; // what a publish owes after its own callback disconnected is not pinned down
                    broker.release(pub);
                }
            }
        }
    }

    /** The acknowledgement listener: each QoS 1/2 ticket once, only after the client read its acknowledgement. */
    private void acknowledged(long ticket, Exception failure) {
        Publications.Pub pub = ticket > 0 ? pubs.byTicket(ticket) : null;
        String at = "t=" + clock.millis() + " ms: the ack listener heard of ticket " + ticket;
        if (pub == null) {
            violations.add(at + ", which send never gave out");
            return;
        }
        pub.reports++;
        if (pub.qos == 0) {
            violations.add(at + " of QoS 0 " + pub + ", which has no acknowledgement");
        } else if (pub.reports > 1) {
            violations.add(at + " (" + pub + ") for the " + pub.reports + ". time");
        } else if (failure != null && !pub.exempt) {
            violations.add(at + " (" + pub + ") failing, though the broker keeps to the protocol: " + failure);
        } else if (!pub.complete && !pub.exempt) { // an exempt message's acks are not followed by the model
            violations.add(at + " (" + pub + ") before the client read its acknowledgement");
        }
    }

    /** Between steps: the client holds exactly the QoS 1/2 messages the model says are unacknowledged. */
    private void checkInFlight() {
        int inFlight = client.inFlight();
        int owed = pubs.owed();
        if (inFlight < owed || inFlight > owed + pubs.maybeOwed()) {
            violations.add("t=" + clock.millis() + " ms: inFlight() is " + inFlight + " but the model counts " + owed
                    + (pubs.maybeOwed() > 0 ? " (+ up to " + pubs.maybeOwed() + " exempt)" : "") + ": "
                    + pubs.inFlight());
        }
    }

    private static boolean saysDisconnected(Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return m.contains("disconnect") || m.contains("not connected");
    }

    /** The last packet the client read on {@code conn}, in virtual ms. */
    long lastRead(VirtualConnection conn) {
        List<Traffic.Entry> read = link.traffic().where(e -> !e.toServer() && e.link() == conn.number());
        return read.isEmpty() ? 0 : read.get(read.size() - 1).readMillis();
    }

    /** The last request (PUBLISH, PUBREL, SUBSCRIBE, UNSUBSCRIBE) the client wrote on {@code conn}, in virtual ms. */
    long lastRequest(VirtualConnection conn) {
        List<Traffic.Entry> sent = link.traffic().where(e -> e.toServer() && e.link() == conn.number()
                && (e.type() == PUBLISH || e.type() == PUBREL || e.type() == SUBSCRIBE || e.type() == UNSUBSCRIBE));
        return sent.isEmpty() ? 0 : sent.get(sent.size() - 1).millis();
    }

    private void failIfViolated(String when) {
        if (violations.isEmpty()) {
            return;
        }
        List<Traffic.Entry> all = link.traffic().all();
        StringBuilder sb = new StringBuilder(when).append(":");
        violations.forEach(v -> sb.append("\n  ").append(v));
        sb.append("\n  last packets (of ").append(all.size()).append("):");
        all.subList(Math.max(0, all.size() - 30), all.size()).forEach(e -> sb.append("\n  ").append(e));
        throw new AssertionError(sb.toString());
    }

    static String describe(Throwable e) {
        StackTraceElement[] at = e.getStackTrace();
        return e + (at.length > 0 ? " at " + at[0] : "");
    }
}
