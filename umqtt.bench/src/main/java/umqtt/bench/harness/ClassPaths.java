package umqtt.bench.harness;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Each contender's class path: the bench module's own classes (the harness and the adapters) plus
 * only that library's jars, picked from the module's resolved class path.
 */
final class ClassPaths {

    private record Entry(String className, Predicate<String> jars) {
    }

    private static final Predicate<String> UMQTT = j -> name(j).startsWith("umqtt.api") || isModule(j, "umqtt.api")
            || name(j).startsWith("umqtt.simple") || isModule(j, "umqtt.simple");
    private static final Predicate<String> ROBUST = UMQTT.or(j -> name(j).startsWith("umqtt.robust")
            || isModule(j, "umqtt.robust"));
    private static final Predicate<String> UMQTT5 = UMQTT.or(j -> name(j).startsWith("umqtt.mqtt5")
            || isModule(j, "umqtt.mqtt5"));
    private static final Predicate<String> PAHO = j -> name(j).startsWith("org.eclipse.paho.client.mqttv3");
    // HiveMQ's client and its whole dependency tree: everything that belongs to nobody else.
    private static final Predicate<String> HIVEMQ = j -> !j.contains("/umqtt.") && !PAHO.test(j)
            && !name(j).startsWith("jmh-") && !name(j).startsWith("jopt-simple")
            && !name(j).startsWith("commons-math3") && !name(j).startsWith("HdrHistogram");

    private static final Map<String, Entry> CONTENDERS = new LinkedHashMap<>();

    static {
        CONTENDERS.put("raw", new Entry("Raw", j -> false));
        CONTENDERS.put("umqtt", new Entry("Umqtt", UMQTT));
        CONTENDERS.put("umqtt-robust", new Entry("UmqttRobust", ROBUST));
        CONTENDERS.put("umqtt5", new Entry("Umqtt5", UMQTT5));
        CONTENDERS.put("paho-sync", new Entry("PahoSync", PAHO));
        CONTENDERS.put("paho-async", new Entry("PahoAsync", PAHO));
        CONTENDERS.put("hivemq-blocking", new Entry("HiveMqBlocking", HIVEMQ));
        CONTENDERS.put("hivemq-async", new Entry("HiveMqAsync", HIVEMQ));
        CONTENDERS.put("hivemq5-blocking", new Entry("HiveMq5Blocking", HIVEMQ));
        CONTENDERS.put("hivemq5-async", new Entry("HiveMq5Async", HIVEMQ));
    }

    /** The contender that runs the umqtt code with another build's jars, for before/after in one run. */
    static final String BASELINE = "umqtt-baseline";

    private final List<String> jars;
    private final String ownClasses;
    private final List<String> baseline;

    ClassPaths(Path classpathFile) throws IOException {
        this(classpathFile, List.of());
    }

    /**
     * @param baseline the umqtt.api and umqtt.simple jars of another build; when given, the
     *     contender {@value #BASELINE} runs them beside today's
     */
    ClassPaths(Path classpathFile, List<String> baseline) throws IOException {
        this.baseline = List.copyOf(baseline);
        if (!Files.exists(classpathFile)) {
            throw new IOException(classpathFile + " is missing: build with"
                    + " `mvn -B -DskipTests package -pl umqtt.bench -am` (umqtt.bench/run does)");
        }
        jars = List.of(Files.readString(classpathFile).trim().split(File.pathSeparator));
        try {
            ownClasses = Path.of(ClassPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** The contenders whose libraries are on the resolved class path, in report order. */
    List<String> available() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Entry> e : CONTENDERS.entrySet()) {
            if (e.getKey().equals("umqtt-robust") && jars.stream().noneMatch(j -> j.contains("umqtt.robust"))) {
                continue;
            }
            if (e.getKey().equals("umqtt-robust") && !Files.exists(Path.of(ownClasses,
                    "umqtt/bench/harness/contenders/UmqttRobust.class"))) {
                continue;
            }
            names.add(e.getKey());
        }
        if (!baseline.isEmpty()) {
            names.add(names.indexOf("umqtt") + 1, BASELINE);
        }
        return names;
    }

    String className(String contender) {
        return contender.equals(BASELINE) ? entry("umqtt").className() : entry(contender).className();
    }

    String of(String contender) {
        if (contender.equals(BASELINE)) {
            return ownClasses + File.pathSeparator + String.join(File.pathSeparator, baseline);
        }
        Predicate<String> pick = entry(contender).jars();
        StringBuilder cp = new StringBuilder(ownClasses);
        for (String j : jars) {
            if (pick.test(j)) {
                cp.append(File.pathSeparator).append(j);
            }
        }
        return cp.toString();
    }

    /** The class path of {@code umqtt bench} in {@link CliChild}: the umqtt modules, the CLI, HdrHistogram. */
    String cli() {
        StringBuilder cp = new StringBuilder(ownClasses);
        for (String j : jars) {
            if (ROBUST.test(j) || name(j).startsWith("umqtt.cli") || isModule(j, "umqtt.cli")
                    || name(j).startsWith("HdrHistogram")) {
                cp.append(File.pathSeparator).append(j);
            }
        }
        return cp.toString();
    }

    private static Entry entry(String contender) {
        Entry e = CONTENDERS.get(contender);
        if (e == null) {
            throw new IllegalArgumentException("unknown contender '" + contender + "'; known: " + CONTENDERS.keySet());
        }
        return e;
    }

    private static String name(String path) {
        return Path.of(path).getFileName().toString();
    }

    private static boolean isModule(String path, String module) {
        return path.contains("/" + module + "/target/");
    }
}
