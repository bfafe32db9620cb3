package umqtt.tests.spi;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import umqtt.api.TlsOptions;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.Transports;

/**
 * Run in a child JVM whose resolver knows host names with {@code _} (a hosts file given with
 * {@code -Djdk.net.hosts.file}): opens each server URI of its arguments, writes a line, closes.
 * {@code --ca PEM} before a URI makes it trust that CA (without checking the host name).
 */
public final class UnderscoreHostChild {

    private UnderscoreHostChild() {
    }

    /**
     * Opens each URI.
     *
     * @param args the server URIs, each possibly after {@code --ca PEM}
     * @throws IOException when one cannot be opened
     */
    public static void main(String[] args) throws IOException {
        TransportOptions options = TransportOptions.defaults();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--ca")) {
                // The test certificate names localhost only: the chain is checked, the name is not.
                options = new TransportOptions(options.connectTimeout(), TlsOptions.builder()
                        .trustPem(Path.of(args[++i])).verifyHostname(false).build(), Map.of());
                continue;
            }
            URI uri = URI.create(args[i]);
            try (Transport t = Transports.open(uri, options)) {
                t.output().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                t.output().flush();
            }
            System.out.println("opened " + Transports.redact(uri));
        }
    }
}
