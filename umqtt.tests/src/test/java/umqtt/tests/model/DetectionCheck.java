package umqtt.tests.model;

import umqtt.tests.virtual.VirtualConnection;

/**
 * When a call fails on a dead link: it must have failed in time. A waitMsg by the keepalive:
 * PINGREQ at 3/4 k after the last packet read (or at once when the call came later), failure k/2
 * after it. An acknowledgement wait by max(request written, last packet read) + response timeout,
 * or by the keepalive when that comes first; a send or flush that starts after that finds it at
 * once.
 */
final class DetectionCheck {

    private final ModelRun run;

    DetectionCheck(ModelRun run) {
        this.run = run;
    }

    void check(Op op, VirtualConnection conn, long start) {
        long now = run.clock.millis();
        long k = run.scenario.keepAliveSeconds() * 1_000L;
        long lastRead = run.lastRead(conn);
        boolean ackWait = op instanceof Op.Publish p && p.qos() > 0 || op instanceof Op.Subscribe
                || op instanceof Op.Unsubscribe || op instanceof Op.Send s && s.qos() > 0 || op instanceof Op.Flush;
        long bound = Long.MAX_VALUE;
        String rule = "";
        if (k > 0 && (ackWait || op instanceof Op.WaitMsg)) {
            bound = Math.max(start, lastRead + k * 3 / 4) + k / 2;
            rule = "keepalive: PINGREQ by max(call " + start + ", last read " + lastRead + " + 3/4 k), dead k/2 later";
        }
        if (ackWait) {
            long written = run.lastRequest(conn);
            long byResponse = Math.max(written, lastRead) + run.scenario.responseTimeoutMs();
            if (op instanceof Op.Send || op instanceof Op.Flush) {
                byResponse = Math.max(start, byResponse); // an answer overdue before the call is found at its start
            }
            if (byResponse < bound) {
                bound = byResponse;
                rule = "response timeout after max(written " + written + ", last read " + lastRead + ")";
            }
        }
        if (bound != Long.MAX_VALUE && now > bound + 1) {
            run.violations.add("t=" + now + " ms: " + op + " found the dead link only now, " + (now - bound)
                    + " ms after " + bound + " ms (" + rule + ")");
        }
    }
}
