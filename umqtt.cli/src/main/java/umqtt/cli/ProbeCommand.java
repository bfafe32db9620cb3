package umqtt.cli;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import umqtt.api.MqttException;
import umqtt.cli.ProbeResult.Verdict;

/** {@code umqtt probe}: finds out what a broker really does, and prints it as a table. */
final class ProbeCommand {

    static final String HELP = """
            Usage: umqtt probe [options]

            Finds out what an MQTT 3.1.1 broker really does and prints a table: each check, what
            was tried, what came back, and a verdict: ok, deviation (from MQTT 3.1.1, named),
            limit, not supported, skipped, no answer, failed. Uses topics under
            umqtt-probe/<random>/ and clears the retained messages it sets.
             --slow             also check keepalive enforcement (a silent client, some seconds)
             --json             print the rows as JSON
             --timeout S        how long any answer is awaited (default 5 s); "nothing arrives"
                                is watched for at most 1 s
             --max-payload N    the largest payload the payload search tries, in bytes
                                (default 1048576; the protocol allows up to 268435455)
             --help             this help
            """ + ConnectOptions.HELP + """

            Client ids are the -i id (or umqtt-probe- and random hex), a dash and a number.
            Exit status: 0 the broker answered every check (deviations are answers), 1 bad usage,
            2 the broker could not be reached or a check got no answer.
            """;

    /** The largest {@code --max-payload}: the protocol's largest packet less room for the topic. */
    static final int MAX_PAYLOAD = 268_435_455 - 70_000;

    /** probe's own options. */
    private static final class Options implements ConnectOptions.CommandOptions {
        boolean slow;
        boolean json;
        double timeout = 5;
        int maxPayload = 1 << 20;

        @Override
        public boolean take(String option, Args args) throws UsageException {
            switch (option) {
                case "--slow" -> slow = true;
                case "--json" -> json = true;
                case "--timeout" -> timeout = args.secondsValue();
                case "--max-payload" -> maxPayload = args.intValue(1, MAX_PAYLOAD);
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    /** One check: adds its rows. */
    private interface Check {
        void run(ProbeContext p, List<ProbeResult> rows) throws IOException;
    }

    private ProbeCommand() {
    }

    static int run(Args args, Io io) throws UsageException {
        ConnectOptions connect = new ConnectOptions();
        Options o = new Options();
        if (connect.read(args, o)) {
            io.out().print(HELP);
            return Main.OK;
        }
        connect.finish("probe");
        if (o.timeout < 0.01) {
            throw new UsageException("--timeout needs at least 0.01 seconds");
        }
        ProbeContext p = new ProbeContext(connect, Duration.ofMillis(Math.round(o.timeout * 1000)), o.maxPayload, o.slow);
        List<ProbeResult> rows = new ArrayList<>();
        try {
            for (Map.Entry<String, Check> check : checks().entrySet()) {
                connect.debug(io, "checking " + check.getKey());
                int before = rows.size();
                run(check.getKey(), check.getValue(), p, rows);
                if (before == 0 && !rows.get(0).verdict().answered()) {
                    break; // not even a connection: nothing else can be checked
                }
            }
        } finally {
            p.closeAll();
        }
        if (o.json) {
            ProbeTable.json(connect.server(), rows, io.out());
        } else {
            ProbeTable.text(connect.server(), rows, io.out());
        }
        boolean answered = rows.stream().allMatch(r -> r.verdict().answered());
        if (!answered) {
            io.err().println(rows.size() == 1 ? "Error: no connection to " + connect.server() + ": " + rows.get(0).got()
                    : "Error: the broker did not answer every check (see the rows marked no answer or failed)");
        }
        return answered ? Main.OK : Main.FAILED;
    }

    /** The checks in the order they run: the cheap and basic first. */
    private static Map<String, Check> checks() {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("connect", ProbeChecksBasic::connect);
        checks.put("QoS 2 to broker", ProbeChecksSession::qos2Outbound);
        checks.put("granted QoS", ProbeChecksBasic::grantedQos);
        checks.put("round trip", ProbeChecksBasic::roundTrip);
        checks.put("QoS downgrade", ProbeChecksBasic::downgrade);
        checks.put("QoS 2 from broker", ProbeChecksRaw::qos2Inbound);
        checks.put("retain", ProbeChecksBasic::retain);
        checks.put("wildcards", ProbeChecksBasic::wildcards);
        checks.put("$SYS", ProbeChecksBasic::sys);
        checks.put("overlapping subs", ProbeChecksSession::overlapping);
        checks.put("unsubscribe", ProbeChecksSession::unsubscribe);
        checks.put("+ in topic name", ProbeChecksRaw::wildcardTopicName);
        checks.put("persistent session", ProbeChecksSession::persistentSession);
        checks.put("will", ProbeChecksSession::will);
        checks.put("empty id", ProbeChecksLimits::emptyId);
        checks.put("max client id", ProbeChecksLimits::clientIdLength);
        checks.put("max topic length", ProbeChecksLimits::topicLength);
        checks.put("max payload", ProbeChecksLimits::payloadSize);
        checks.put("keepalive", ProbeChecksRaw::keepAlive);
        return checks;
    }

    /** Runs one check; what it throws becomes its last row: no answer, or failed. */
    private static void run(String name, Check check, ProbeContext p, List<ProbeResult> rows) {
        try {
            check.run(p, rows);
        } catch (SocketTimeoutException e) {
            rows.add(new ProbeResult(name, "-", "no answer: " + e.getMessage(), Verdict.NO_ANSWER));
        } catch (MqttException e) {
            rows.add(new ProbeResult(name, "-", "refused or broke the protocol: " + e.getMessage(), Verdict.FAILED));
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            rows.add(new ProbeResult(name, "-", "connection failed: " + e.getMessage(), Verdict.FAILED));
        } finally {
            p.closeClients();
        }
    }
}
