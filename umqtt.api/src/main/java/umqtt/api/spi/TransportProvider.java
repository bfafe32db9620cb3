package umqtt.api.spi;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Opens {@link Transport}s for one or more URI schemes.
 *
 * <p>Providers are found by {@link java.util.ServiceLoader} (declare
 * {@code provides umqtt.api.spi.TransportProvider with ...} in module-info, and list the class in
 * {@code META-INF/services/umqtt.api.spi.TransportProvider} for the class path), or handed to a
 * client directly. An implementation needs a public no-argument constructor and must work both
 * ways.
 */
public interface TransportProvider {

    /**
     * The schemes this provider opens, lower case, e.g. {@code mqtt} and {@code tcp}.
     *
     * @return the schemes, never empty
     */
    Set<String> schemes();

    /**
     * The port used when a URI of this scheme has none, e.g. 1883 for {@code mqtt}.
     *
     * @param scheme one of {@link #schemes()}
     * @return the default port
     */
    int defaultPort(String scheme);

    /**
     * Connects to the server named by {@code uri}, within {@code options.connectTimeout()}.
     *
     * @param uri the server, with one of {@link #schemes()}; a missing port means the default
     * @param options the connect timeout, TLS settings and extra headers
     * @return the connected transport
     * @throws IOException when the connection cannot be made; the message names the server and
     *     says why
     */
    Transport open(URI uri, TransportOptions options) throws IOException;
}
