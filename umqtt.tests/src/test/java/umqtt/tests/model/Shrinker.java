package umqtt.tests.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a failing scenario further than QuickTheories can: QuickTheories shrinks the numbers a
 * scenario was drawn from (so a list loses elements only at its end); this removes operations
 * anywhere, in halving chunks then one by one, and simplifies what is left, keeping each change
 * that still fails the same way (same first violation, digits aside).
 */
final class Shrinker {

    private static final int MAX_RUNS = 4_000;

    private int runs;

    /** @return the failure of {@code s}, or null when it passes */
    static String failure(Scenario s) {
        try {
            new ModelRun(s).run();
            return null;
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    /** The first violation, without numbers: what "the same failure" means while shrinking. */
    static String signature(String failure) {
        String[] lines = failure.split("\n");
        String first = lines.length > 1 ? lines[1] : lines[0];
        return first.replaceAll("[0-9]+", "#");
    }

    /** @return the smallest scenario found that fails like {@code s} */
    Scenario shrink(Scenario s) {
        String failure = failure(s);
        if (failure == null) {
            return s;
        }
        String sig = signature(failure);
        Scenario best = s;
        boolean progress = true;
        while (progress && runs < MAX_RUNS) {
            progress = false;
            for (int size = Math.max(1, best.ops().size() / 2); size >= 1; size /= 2) {
                for (int i = 0; i + size <= best.ops().size() && runs < MAX_RUNS; ) {
                    List<Op> ops = new ArrayList<>(best.ops());
                    ops.subList(i, i + size).clear();
                    Scenario candidate = best.withOps(ops);
                    if (!ops.isEmpty() && failsLike(candidate, sig)) {
                        best = candidate;
                        progress = true;
                    } else {
                        i += size;
                    }
                }
            }
            for (int i = 0; i + 1 < best.ops().size() && runs < MAX_RUNS; i++) {
                if (best.ops().get(i) instanceof Op.Idle a && best.ops().get(i + 1) instanceof Op.Idle b) {
                    List<Op> ops = new ArrayList<>(best.ops());
                    ops.set(i, new Op.Idle(a.ms() + b.ms()));
                    ops.remove(i + 1);
                    Scenario candidate = best.withOps(ops);
                    if (failsLike(candidate, sig)) {
                        best = candidate;
                        progress = true;
                    }
                }
            }
            for (int i = 0; i < best.ops().size() && runs < MAX_RUNS; i++) {
                for (Op simpler : simpler(best.ops().get(i))) {
                    List<Op> ops = new ArrayList<>(best.ops());
                    ops.set(i, simpler);
                    Scenario candidate = best.withOps(ops);
                    if (failsLike(candidate, sig)) {
                        best = candidate;
                        progress = true;
                        break;
                    }
                }
            }
        }
        return best;
    }

    private boolean failsLike(Scenario candidate, String sig) {
        runs++;
        String f = failure(candidate);
        return f != null && signature(f).equals(sig);
    }

    /** Simpler versions of an operation, simplest first. */
    private static List<Op> simpler(Op op) {
        List<Op> out = new ArrayList<>();
        if (op instanceof Op.Idle i && i.ms() > 0) {
            out.add(new Op.Idle(0));
            out.add(new Op.Idle(i.ms() / 2));
            out.add(new Op.Idle(i.ms() / 1_000 * 1_000));
        } else if (op instanceof Op.WaitMsg w && w.tickAfterMs() > 0) {
            out.add(new Op.WaitMsg(0));
            out.add(new Op.WaitMsg(w.tickAfterMs() / 2));
        } else if (op instanceof Op.Inbound in) {
            if (in.count() > 1) {
                out.add(new Op.Inbound(in.qos(), 1, in.afterMs(), in.duplicate()));
            }
            if (in.afterMs() > 0) {
                out.add(new Op.Inbound(in.qos(), in.count(), 0, in.duplicate()));
            }
            if (in.duplicate()) {
                out.add(new Op.Inbound(in.qos(), in.count(), in.afterMs(), false));
            }
            if (in.qos() > 0) {
                out.add(new Op.Inbound(in.qos() - 1, in.count(), in.afterMs(), in.duplicate()));
            }
        } else if (op instanceof Op.Publish p && p.qos() > 0) {
            out.add(new Op.Publish(p.qos() - 1));
        } else if (op instanceof Op.Send p) {
            out.add(new Op.Publish(p.qos()));
            if (p.qos() > 0) {
                out.add(new Op.Send(p.qos() - 1));
            }
        } else if (op instanceof Op.Flush f && f.timeoutMs() > 1) {
            out.add(new Op.Flush(1));
            out.add(new Op.Flush(f.timeoutMs() / 2));
        } else if (op instanceof Op.Subscribe s && s.qos() > 0) {
            out.add(new Op.Subscribe(0));
        } else if (op instanceof Op.Flood f && f.afterMs() > 0) {
            out.add(new Op.Flood(0));
        } else if (op instanceof Op.AnswerDelay d && d.ms() > 0) {
            out.add(new Op.AnswerDelay(0));
            out.add(new Op.AnswerDelay(d.ms() / 2));
        } else if (op instanceof Op.Cut c && (!c.keepSession() || c.afterMs() > 0)) {
            out.add(new Op.Cut(true, c.afterMs()));
            out.add(new Op.Cut(c.keepSession(), 0));
        } else if (op instanceof Op.Callback c && c.qos() > 0) {
            out.add(new Op.Callback(c.mode(), c.qos() - 1));
        }
        return out;
    }
}
