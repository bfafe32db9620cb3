package umqtt.bench.harness.contenders;

/**
 * Server URIs for the adapters, built without indy string concatenation, whose bootstrap in a
 * cold JVM would be charged to the contender's start-up. Depends on no library, so every
 * contender's class path can load it.
 */
final class ServerUri {

    private ServerUri() {
    }

    static String of(String scheme, String host, int port) {
        return scheme.concat(host).concat(":").concat(Integer.toString(port));
    }
}
