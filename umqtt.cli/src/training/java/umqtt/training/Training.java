package umqtt.training;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import umqtt.cli.Main;

/**
 * The build's training run for the start-up archives of the umqtt images (never shipped): runs the
 * commands people run, in this one JVM, against a {@link LoopbackBroker}, so that the JVM records
 * the classes (and on JDK 25 the profiles) they need. umqtt.cli/pom.xml runs it with the image's
 * own java, with -XX:DumpLoadedClassList (JDK 17: a static CDS archive is dumped from that list) or
 * -XX:AOTCacheOutput (JDK 25). Fails the build if a command does not end as it should.
 */
public final class Training {

    private Training() {
    }

    /**
     * Runs the training.
     *
     * @param args none
     * @throws Exception when the broker cannot start
     */
    public static void main(String[] args) throws Exception {
        List<String> failed = new ArrayList<>();
        String[] at;
        try (LoopbackBroker broker = new LoopbackBroker()) {
            at = new String[] {"-p", Integer.toString(broker.port())}; // on the default host, localhost
            for (int round = 0; round < 2; round++) { // a second round: what the first one's JIT compiled
                expect(failed, Main.OK, "", "--help");
                expect(failed, Main.OK, "", "pub", "--help");
                expect(failed, Main.OK, "", "sub", "--help");
                expect(failed, Main.OK, "", "probe", "--help");
                expect(failed, Main.OK, "", "bench", "--help");
                expect(failed, Main.USAGE, "", "pub", "-t", "training"); // no message: the usage path
                expect(failed, Main.USAGE, "", "pub", "--no-such-option");
                for (String qos : new String[] {"0", "1", "2"}) {
                    expect(failed, Main.OK, "", join(at, "pub", "-q", qos, "-t", "training/" + qos, "-m", "x"));
                }
                expect(failed, Main.OK, "", join(at, "pub", "-q", "1", "-t", "training/r", "-m", "x", "-r"));
                expect(failed, Main.OK, "one\ntwo\n", join(at, "pub", "-q", "1", "-t", "training/l", "-l"));
                expect(failed, Main.OK, "", join(at, "sub", "-q", "1", "-t", "training/s", "-C", "1", "-v"));
                expect(failed, Main.OK, "", join(at, "sub", "-t", "training/s", "-C", "1", "-W", "5"));
                expect(failed, Main.OK, "", "pub", "-L", "mqtt://localhost:" + broker.port() + "/training/u", "-m", "x");
                expect(failed, Main.FAILED, "", join(at, "pub", "-i", LoopbackBroker.REFUSED, "-t", "training", "-m", "x"));
            }
        }
        // Connection refused, most likely (the responder has closed its port; another program may have
        // taken it since): the path of a broker that is not running. Its status proves nothing.
        Main.run(join(at, "pub", "-t", "training", "-m", "x"), quiet(), quiet(), InputStream.nullInputStream());
        if (!failed.isEmpty()) {
            System.err.println("training run: unexpected exit status for " + failed);
            System.exit(1);
        }
        // Last, the way bin/umqtt starts (main, its terminal checks, System.exit), output dropped.
        System.setOut(quiet());
        Main.main(new String[] {"pub", "--help"});
    }

    private static void expect(List<String> failed, int status, String stdin, String... args) {
        InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        int got = Main.run(args, quiet(), quiet(), in);
        if (got != status) {
            failed.add(String.join(" ", args) + ": " + got + " (expected " + status + ")");
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    private static String[] join(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(rest));
        all.addAll(1, List.of(first));
        return all.toArray(String[]::new);
    }
}
