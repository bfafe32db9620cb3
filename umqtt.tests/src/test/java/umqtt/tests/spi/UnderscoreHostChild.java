package umqtt.tests.spi;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.Transports;

/**
 * Run in a child JVM whose resolver knows host names with {@code _} (a hosts file given with
 * {@code -Djdk.net.hosts.file}): opens each server URI of its arguments, writes a line, closes.
 */
public final class UnderscoreHostChild {

    private UnderscoreHostChild() {
    }

    /**
     * Opens each URI.
     *
     * @param args the server URIs
     * @throws IOException when one cannot be opened
     */
    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            URI uri = URI.create(arg);
            try (Transport t = Transports.open(uri, TransportOptions.defaults())) {
                t.output().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                t.output().flush();
            }
            System.out.println("opened " + Transports.redact(uri));
        }
    }
}
