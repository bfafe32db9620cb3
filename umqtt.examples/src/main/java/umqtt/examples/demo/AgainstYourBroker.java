package umqtt.examples.demo;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import umqtt.examples.Broker;

/**
 * The demo's script with the user's broker ({@code --broker}): the examples that suit any broker, and
 * for a {@code mqtt://} one the robust examples through a local relay the demo cuts.
 */
final class AgainstYourBroker {

    private AgainstYourBroker() {
    }

    /**
     * @param steps the runner the steps are counted by
     * @param broker the user's broker
     */
    static void run(Steps steps, Broker broker) {
        steps.out().println("umqtt demo: the umqtt examples in Java, end to end against " + broker + "\n");
        SimpleClientSteps simple = new SimpleClientSteps(steps);
        simple.publish(broker);
        simple.subscribeWaitCheck(broker);
        simple.led("at " + broker, broker, broker, List.of("on", "toggle", "toggle"));
        URI u = URI.create(broker.uri());
        if (Set.of("mqtt", "tcp").contains(u.getScheme().toLowerCase(Locale.ROOT))) {
            try (LinkCutter link = new LinkCutter(u.getHost(), u.getPort() < 0 ? 1883 : u.getPort())) {
                new RobustClientSteps(steps, broker, new Broker(link.uri(), null), link).runAll();
            } catch (IOException e) {
                steps.fail("the robust examples through a relay", e);
            }
        } else {
            steps.out().println("\n(the robust examples need a mqtt:// broker, to cut the link through a local relay)");
        }
    }
}
