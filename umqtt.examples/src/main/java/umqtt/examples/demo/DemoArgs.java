package umqtt.examples.demo;

import java.nio.file.Path;

/**
 * The demo's command line: {@code [--broker URI [--cafile PEM]]}, or {@code --help}.
 *
 * @param broker the URI of the user's broker, or null for the embedded one
 * @param cafile the PEM file of the CA to trust for {@code broker}, or null
 * @param help whether the user asked for the usage line
 */
record DemoArgs(String broker, Path cafile, boolean help) {

    /** What {@code --help} prints. */
    static final String USAGE = "usage: java -jar umqtt-demo.jar [--broker URI [--cafile PEM]]";

    /**
     * Reads the arguments in order; {@code --help} ends the reading.
     *
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException naming an unknown argument, a missing value, or {@code --cafile}
     *     without {@code --broker}
     */
    static DemoArgs parse(String[] args) {
        String broker = null;
        Path cafile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--broker" -> broker = value(args, ++i, "--broker URI");
                case "--cafile" -> cafile = Path.of(value(args, ++i, "--cafile FILE"));
                case "--help", "-h" -> {
                    return new DemoArgs(null, null, true);
                }
                default -> throw new IllegalArgumentException(
                        "unknown argument '" + args[i] + "': use --broker URI [--cafile PEM]");
            }
        }
        if (cafile != null && broker == null) {
            throw new IllegalArgumentException(
                    "--cafile goes with --broker URI: the embedded broker is trusted through the CA the demo makes");
        }
        return new DemoArgs(broker, cafile, false);
    }

    private static String value(String[] args, int i, String what) {
        if (i >= args.length) {
            throw new IllegalArgumentException("missing value: " + what);
        }
        return args[i];
    }
}
