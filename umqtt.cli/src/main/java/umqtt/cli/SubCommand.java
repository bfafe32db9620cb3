package umqtt.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import umqtt.api.Message;
import umqtt.api.MqttClient;

/** {@code umqtt sub}: subscribes and prints what arrives, like {@code mosquitto_sub}. */
final class SubCommand {

    static final String HELP = """
            Usage: umqtt sub {-t FILTER ... | -L URL/FILTER} [options]

            Subscribes to topics on an MQTT broker (MQTT 3.1.1) and prints each message's
            payload on a line of its own, like mosquitto_sub.
             -t FILTER          a topic filter to subscribe to (+ and # allowed; repeat for more)
             -C COUNT           exit after printing COUNT messages
             -W SECONDS         exit after this long ("Timed out", status 2) unless -C came first
             -v                 print the topic, a space, then the payload
             -N                 no newline after each payload
             -R                 skip retained (stale) messages
             --retained-only    print only retained messages; exit at the first live one
             --robust           keep going across broker restarts and network failures
                                (reconnects, resumes the session, resubscribes)
             --help             this help
            """ + ConnectOptions.HELP + """

            Exit status: 0 done, 1 bad usage, 2 connection or protocol error, or -W timed out
            (reason on stderr).
            """;

    private SubCommand() {
    }

    static int run(Args args, Io io) throws UsageException, IOException {
        ConnectOptions connect = new ConnectOptions();
        List<String> filters = new ArrayList<>();
        Output output = new Output(io.out());
        int count = 0;
        double timeout = 0;
        boolean robust = false;
        while (args.hasNext()) {
            String option = args.nextOption();
            if (connect.accept(option, args)) {
                continue;
            }
            switch (option) {
                case "--help" -> {
                    io.out().print(HELP);
                    return 0;
                }
                case "-t", "--topic" -> filters.add(args.value());
                case "-C" -> count = args.intValue(1, Integer.MAX_VALUE);
                case "-W" -> timeout = args.secondsValue();
                case "-v", "--verbose" -> output.verbose = true;
                case "-N" -> output.newline = false;
                case "-R" -> output.skipRetained = true;
                case "--retained-only" -> output.retainedOnly = true;
                case "--robust" -> robust = true;
                default -> throw new UsageException("unknown option " + Args.shown(option));
            }
        }
        connect.finish("sub");
        if (filters.isEmpty() && connect.topicFromUrl() != null) {
            filters.add(connect.topicFromUrl());
        }
        if (filters.isEmpty()) {
            throw new UsageException("no topic: give a filter with -t FILTER (or as the path of -L mqtt://host/FILTER)");
        }
        if (output.skipRetained && output.retainedOnly) {
            throw new UsageException("-R and --retained-only exclude each other");
        }
        if (timeout > 0 && timeout < 0.001) {
            throw new UsageException("-W needs at least 0.001 seconds");
        }
        output.limit = count;
        output.debug = what -> connect.debug(io, what);
        try (MqttClient client = robust ? Robust.wrap(connect, io.err()) : connect.client()) {
            Deadline deadline = timeout > 0 ? new Deadline(client, timeout) : null;
            try {
                client.setCallback(output::accept);
                connect.applyWill(client);
                Main.connect(client, connect, io);
                for (String filter : filters) {
                    int granted = client.subscribe(filter.getBytes(StandardCharsets.UTF_8), connect.qos);
                    connect.debug(io, "subscribed to " + filter + " (granted QoS " + granted + ")");
                }
                while (!output.done) {
                    client.waitMsg();
                }
                client.disconnect();
                connect.debug(io, "disconnected");
            } catch (IOException | IllegalStateException e) {
                // The -W timer closes the client; whatever the blocked call then throws means "time's up".
                if (deadline != null && deadline.expired) {
                    if (output.done) {
                        return 0; // everything asked for arrived just before the time ran out
                    }
                    io.err().println("Timed out");
                    return 2;
                }
                throw e;
            } finally {
                if (deadline != null) {
                    deadline.cancel();
                }
                io.out().flush();
            }
        }
        return 0;
    }

    /** Prints messages as mosquitto_sub does and decides when to stop. */
    private static final class Output {
        private final PrintStream out;
        boolean verbose;
        boolean newline = true;
        boolean skipRetained;
        boolean retainedOnly;
        int limit;
        int printed;
        boolean done;
        java.util.function.Consumer<String> debug = what -> { };

        Output(PrintStream out) {
            this.out = out;
        }

        void accept(Message m) {
            debug.accept("received " + m.payload().length + " bytes on " + m.topicString() + " (QoS " + m.qos()
                    + (m.retained() ? ", retained" : "") + (m.dup() ? ", dup" : "") + ")");
            if (done || skipRetained && m.retained()) {
                return;
            }
            if (retainedOnly && !m.retained()) {
                done = true;
                return;
            }
            // As mosquitto_sub: an empty payload prints "topic (null)" with -v (unless -N), else nothing.
            if (m.payload().length == 0) {
                if (verbose && newline) {
                    out.write(m.topic(), 0, m.topic().length);
                    out.print(" (null)\n");
                }
            } else {
                if (verbose) {
                    out.write(m.topic(), 0, m.topic().length);
                    out.write(' ');
                }
                out.write(m.payload(), 0, m.payload().length);
                if (newline) {
                    out.write('\n');
                }
            }
            if (out.checkError()) { // flushes; true when the reader went away (| head -1): stop, as SIGPIPE would
                done = true;
                return;
            }
            printed++;
            if (limit > 0 && printed >= limit) {
                done = true;
            }
        }
    }

    /** {@code -W}: closes the client from a timer thread, which ends the blocked waitMsg. */
    private static final class Deadline {
        private final Timer timer = new Timer("umqtt-sub-timeout", true);
        volatile boolean expired;

        Deadline(MqttClient client, double seconds) {
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    expired = true;
                    client.close();
                }
            }, Math.max(1, Math.round(seconds * 1000)));
        }

        void cancel() {
            timer.cancel();
        }
    }
}
