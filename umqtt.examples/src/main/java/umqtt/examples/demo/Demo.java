package umqtt.examples.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import umqtt.examples.Broker;

/**
 * The demo: starts HiveMQ CE embedded (TCP, TLS with certificates made on the spot, WebSocket,
 * WebSocket over TLS)
 * and runs the umqtt examples against it end to end, checking that every message arrives;
 * {@code --broker URI} runs them against a broker of yours instead. Exit status 0 when every
 * step passed.
 *
 * <p>Run: {@code java -jar umqtt.examples/target/umqtt-demo.jar [--broker URI [--cafile PEM]]}.
 *
 * @see AgainstEmbeddedBroker
 * @see AgainstYourBroker
 */
public final class Demo {

    private Demo() {
    }

    /**
     * @param args {@code [--broker URI [--cafile PEM]]}
     * @throws Exception when the embedded broker cannot start
     */
    public static void main(String[] args) throws Exception {
        // Before anything touches SLF4J: HiveMQ logs through logback; keep it to errors.
        System.setProperty("logback.configurationFile", "umqtt-demo-logback.xml");
        // RobustClient logs its reconnects through System.Logger (java.util.logging here): one line each.
        System.setProperty("java.util.logging.SimpleFormatter.format", "    ~ robust: %5$s%n");
        // The demo's own lines go to stdout as they are; the examples print to System.out, indented.
        PrintStream out = System.out;
        System.setOut(new PrintStream(new Indented(out, "    | "), true, StandardCharsets.UTF_8));
        DemoArgs options;
        try {
            options = DemoArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        if (options.help()) {
            out.println(DemoArgs.USAGE);
            return;
        }
        long start = System.nanoTime();
        Steps steps = new Steps(out);
        if (options.broker() != null) {
            AgainstYourBroker.run(steps, new Broker(options.broker(), options.cafile()));
        } else {
            AgainstEmbeddedBroker.run(steps);
        }
        System.exit(steps.summary((System.nanoTime() - start) / 1e9));
    }
}
