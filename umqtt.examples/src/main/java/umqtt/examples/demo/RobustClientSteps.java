package umqtt.examples.demo;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import umqtt.examples.Broker;
import umqtt.examples.RobustCheckLoop;
import umqtt.examples.RobustLastWill;
import umqtt.examples.RobustResubscribe;
import umqtt.examples.RobustSubscriber;
import umqtt.simple.SimpleClient;

/**
 * The steps that show the robust examples reconnecting: each connects through a relay that the
 * demo cuts mid-run, while the demo's watcher talks to the broker directly.
 */
final class RobustClientSteps {

    private static final String NOWHERE = "unused/demo";

    private final Steps steps;
    private final Broker direct;
    private final Broker relay;
    private final LinkCutter link;

    /**
     * @param direct the broker
     * @param relay the same broker through {@code link}
     * @param link the relay the demo cuts
     */
    RobustClientSteps(Steps steps, Broker direct, Broker relay, LinkCutter link) {
        this.steps = steps;
        this.direct = direct;
        this.relay = relay;
        this.link = link;
    }

    /** Runs the four robust steps. */
    void runAll() {
        steps.run("RobustSubscriber (persistent session) through a link the demo cuts: nothing lost", () -> {
            forgetSession(RobustSubscriber.CLIENT_ID);
            try (ExampleRun<Set<String>> run = ExampleRun.startReturning(direct, NOWHERE,
                    ready -> RobustSubscriber.run(relay, 3, ready))) {
                run.watcher().publish("foo_topic", "before the cut");
                cut();
                run.watcher().publish("foo_topic", "while the link was down");
                run.watcher().publish("foo_topic", "after the cut");
                steps.check(run.result().equals(Set.of("before the cut", "while the link was down", "after the cut")),
                        "all three QoS 1 messages arrived across the cut (the broker kept them in the session)");
            }
        });
        steps.run("RobustCheckLoop through a link the demo cuts: checkMsg() keeps polling", () -> {
            forgetSession(RobustCheckLoop.CLIENT_ID);
            try (ExampleRun<Void> run = ExampleRun.start(direct, NOWHERE, ready -> RobustCheckLoop.run(relay, 2, ready))) {
                cut();
                run.watcher().publish("foo_topic", "first after the cut");
                run.watcher().publish("foo_topic", "second after the cut");
                run.result();
            }
            steps.check(true, "both arrived");
        });
        steps.run("RobustLastWill: 'online' when up, the broker's 'offline' when the link is cut", () -> {
            forgetSession(RobustLastWill.ID);
            try (ExampleRun<Void> run = ExampleRun.start(direct, RobustLastWill.STATUS,
                    ready -> RobustLastWill.run(relay, 1, ready))) {
                Watcher w = run.watcher();
                steps.check(w.await(1).equals(List.of("online")), "a watcher of " + RobustLastWill.STATUS + " saw 'online'");
                cut();
                steps.check(w.await(2).get(1).equals("offline"), "the broker published the last will 'offline'");
                w.publish("cmd/" + RobustLastWill.ID, "shutdown");
                run.result();
                steps.check(w.await(3).get(2).equals("offline"), "the device, reconnected, took a command and said goodbye");
            }
        });
        steps.run("RobustResubscribe (clean session) through a link the demo cuts: subscribes again by itself", () -> {
            try (ExampleRun<Void> run = ExampleRun.start(direct, NOWHERE, ready -> RobustResubscribe.run(relay, 1, ready))) {
                cut();
                // The broker forgot the clean session: only a new subscription can deliver this.
                run.publishUntilDone("foo_topic", "after the cut");
            }
            steps.check(true, "a message sent after the cut arrived: the subscription was renewed");
        });
    }

    /** Ends a session an earlier run left at the broker (a clean connect does), so this run starts afresh. */
    private void forgetSession(String clientId) throws IOException {
        try (SimpleClient c = direct.client(clientId).build()) {
            c.connect(true);
            c.disconnect();
        }
    }

    private void cut() {
        link.cut();
        steps.out().println("    -- the demo cuts the link --");
    }
}
