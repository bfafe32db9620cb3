package umqtt.cli;

import umqtt.simple.SimpleClient;

/** The help text of {@code umqtt bench}. */
final class BenchHelp {

    static final String TEXT = """
            Usage: umqtt bench conn|pub|sub [options]

            A load generator, after emqtt-bench: many clients in one JVM, each on its own thread.
              conn   connect the clients and keep them connected (keepalive pings) until the end
              pub    each client publishes to its topic, an 8-byte send time (epoch
                     microseconds) at the start of every payload
              sub    each client subscribes to its topic and measures the latency of what
                     arrives from that send time (pub and sub may run in two processes on
                     machines with synchronised clocks)
            The run ends after --count messages per client, after --duration, or on Ctrl-C; the
            summary goes to standard output, a live line to standard error on a terminal.

             -c COUNT              the number of clients (default 200)
             -i MS, --connect-interval MS
                                   wait MS milliseconds between two clients' connects (default
                                   10; 0 connects all at once)
             -I PREFIX             client ids are PREFIX1, PREFIX2, ... (default umqtt-bench-,
                                   random hex and -)
             -t TOPIC              pub and sub: the topic; %i is the client's index (1, 2, ...),
                                   %c its client id, e.g. -t bench/%i
             --interval MS         pub: wait MS milliseconds between a client's messages
                                   (default 1000; 0 sends as fast as the broker takes them)
             --rate N              pub: N messages per second per client instead
             --count N             pub: send N messages per client; sub: receive N per client
             --duration S          end the run after S seconds (e.g. 60)
             -w, --wait-before-publishing
                                   pub: start publishing once every client has connected
                                   (or failed), not each as soon as it is connected
             -s BYTES              pub: the payload size, 8 or more (default 16)
             -q QOS                pub: the QoS of messages; sub: of the subscription (default 0)
             --max-inflight N      pub, QoS 1 and 2: at most N messages awaiting acknowledgement
                                   per client, 1-{MAX} (default {DEF})
             --persistent          keep sessions (clean session off); needs -I PREFIX
             --json                print the summary as one JSON object
             --help                this help

            Threads: on Java 21 and later each client runs on a virtual thread (a few hundred bytes
            of heap while it waits); on Java 17 on a platform thread with a 256 KB stack (address
            space mostly, but one kernel thread each: mind ulimit -u and the file limit, ulimit -n,
            for thousands of clients). Each thread keeps its client alive; there is no other thread
            per client.

            Connection options (-c and -i above take the place of theirs):
            """.replace("{MAX}", Integer.toString(SimpleClient.MAX_IN_FLIGHT_LIMIT))
            .replace("{DEF}", Integer.toString(SimpleClient.DEFAULT_MAX_IN_FLIGHT)) + ConnectHelp.TEXT + """

            Exit status: 0 every client connected and none was lost, 1 bad usage, 2 some client
            failed (the summary counts the failures by kind).
            """;

    private BenchHelp() {
    }
}
