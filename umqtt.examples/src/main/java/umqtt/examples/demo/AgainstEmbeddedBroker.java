package umqtt.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import umqtt.examples.Broker;

/**
 * The demo's script with its own broker: starts HiveMQ CE embedded (TCP, TLS with certificates made
 * on the spot, WebSocket, WebSocket over TLS), runs every example over the transports it suits, the
 * robust ones through a link the demo cuts, and stops the broker.
 */
final class AgainstEmbeddedBroker {

    private AgainstEmbeddedBroker() {
    }

    /**
     * @param steps the runner the steps are counted by
     * @throws IOException when the broker cannot start
     */
    static void run(Steps steps) throws IOException {
        PrintStream out = steps.out();
        Path folder = TempFiles.folderDeletedOnExit("umqtt-demo-");
        out.println("umqtt demo: the umqtt examples in Java, end to end against an embedded broker\n");
        out.println("Starting HiveMQ CE (embedded, in-memory) with certificates made just now ...");
        long t0 = System.nanoTime();
        DemoBroker hivemq = DemoBroker.start(folder);
        out.printf(Locale.ROOT, "  started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        out.println("  TCP                 " + hivemq.tcpUri());
        out.println("  TLS                 " + hivemq.tlsUri() + "   (trusting the demo CA " + hivemq.caPem() + ")");
        out.println("  WebSocket           " + hivemq.wsUri());
        out.println("  WebSocket over TLS  " + hivemq.wssUri());
        Broker tcp = new Broker(hivemq.tcpUri(), null);
        Broker tls = new Broker(hivemq.tlsUri(), hivemq.caPem());
        Broker ws = new Broker(hivemq.wsUri(), null);
        Broker wss = new Broker(hivemq.wssUri(), hivemq.caPem());
        List<Broker> everyTransport = List.of(tcp, tls, ws, wss);

        SimpleClientSteps simple = new SimpleClientSteps(steps);
        everyTransport.forEach(simple::publish);
        simple.publishOnEvent(tcp);
        simple.publishTls(tcp, tls);
        everyTransport.forEach(simple::subscribeWaitCheck);
        simple.led("over WebSocket", ws, tcp, List.of("on", "toggle", "toggle", "off", "toggle"));
        try (LinkCutter link = new LinkCutter("127.0.0.1", hivemq.tcpPort())) {
            new RobustClientSteps(steps, tcp, new Broker(link.uri(), null), link).runAll();
        }
        out.println("\nStopping the broker.");
        hivemq.stop();
    }
}
