package umqtt.api.spi;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the {@link TransportProvider} for a URI scheme among the providers installed on the
 * module path or class path.
 *
 * <p>Providers are loaded once with {@link ServiceLoader} and cached. A provider that fails to
 * load is skipped with a warning on the {@code umqtt.api} {@link System.Logger}; when two
 * providers claim one scheme, the first found wins and the other is reported.
 */
public final class Transports {

    /** Created on first use: System.getLogger costs ~30 ms in a cold JVM, and most runs never log. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("umqtt.api");
    }

    /** The modules that provide the well-known schemes, for the error when one is missing. */
    private static final Map<String, String> MODULE_FOR_SCHEME = Map.of(
            "mqtts", "umqtt.transport.tls",
            "ssl", "umqtt.transport.tls",
            "tls", "umqtt.transport.tls",
            "ws", "umqtt.transport.websocket",
            "wss", "umqtt.transport.websocket");

    private static volatile Map<String, TransportProvider> installed;

    private Transports() {
    }

    /**
     * The schemes of every installed provider.
     *
     * @return the schemes, sorted
     */
    public static Set<String> schemes() {
        return Collections.unmodifiableSet(new TreeSet<>(providers().keySet()));
    }

    /**
     * The provider for a scheme.
     *
     * @param scheme the URI scheme, any case
     * @return the provider
     * @throws IllegalArgumentException when no installed provider opens the scheme; the message
     *     names the scheme, the installed schemes and, for a well-known scheme, the module to add
     */
    public static TransportProvider provider(String scheme) {
        Objects.requireNonNull(scheme, "scheme");
        String key = scheme.toLowerCase(Locale.ROOT);
        TransportProvider p = providers().get(key);
        if (p == null) {
            throw new IllegalArgumentException(missingScheme(key));
        }
        return p;
    }

    /**
     * Opens a transport to {@code uri} with the provider installed for its scheme.
     *
     * @param uri the server, e.g. {@code mqtt://127.0.0.1:1883}
     * @param options the connect timeout, TLS settings and headers
     * @return the connected transport
     * @throws IOException when the connection cannot be made
     * @throws IllegalArgumentException when the URI has no scheme or no host, or no provider
     *     opens its scheme
     */
    public static Transport open(URI uri, TransportOptions options) throws IOException {
        checkServerUri(uri);
        return provider(uri.getScheme()).open(uri, options);
    }

    /**
     * Checks that {@code uri} names a server: a scheme, a host and at most a port.
     *
     * @param uri the server URI
     * @return the URI
     * @throws IllegalArgumentException with a message that says how to write it
     */
    public static URI checkServerUri(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (uri.getScheme() == null || uri.isOpaque()) {
            throw new IllegalArgumentException("server '" + uri + "' has no scheme: write it as scheme://host[:port], "
                    + "e.g. mqtt://" + (uri.isOpaque() ? uri.toString() : uri.getSchemeSpecificPart().replaceFirst("^//", ""))
                    + " (installed schemes: " + String.join(", ", schemes()) + ")");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("server '" + uri + "' has no host: write it as "
                    + uri.getScheme() + "://host[:port]");
        }
        return uri;
    }

    /**
     * The form of a server URI that may be shown in messages, logs and {@code toString}: scheme,
     * host, port and path, without the user info and the query (either may hold a secret, such as
     * a password or a signed token) and without the fragment.
     *
     * @param uri the server URI
     * @return for example {@code wss://broker.example:443/mqtt}
     */
    public static String redact(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (uri.isOpaque() || uri.getScheme() == null) {
            return uri.getScheme() == null ? "(a URI without a scheme)" : uri.getScheme() + ":(opaque)";
        }
        StringBuilder b = new StringBuilder(uri.getScheme()).append("://");
        String host = uri.getHost();
        if (host == null) {
            String authority = uri.getRawAuthority();
            host = authority == null ? "" : authority.substring(authority.lastIndexOf('@') + 1);
        }
        b.append(host);
        if (uri.getHost() != null && uri.getPort() >= 0) {
            b.append(':').append(uri.getPort());
        }
        if (uri.getRawPath() != null) {
            b.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            b.append("?…");
        }
        return b.toString();
    }

    /**
     * The port of {@code uri}, or the provider's default for its scheme when the URI has none.
     *
     * @param uri the server URI
     * @param provider the provider that opens it
     * @return the port to connect to
     */
    public static int port(URI uri, TransportProvider provider) {
        return uri.getPort() >= 0 ? uri.getPort() : provider.defaultPort(uri.getScheme().toLowerCase(Locale.ROOT));
    }

    private static String missingScheme(String scheme) {
        StringBuilder sb = new StringBuilder("no transport installed for scheme '").append(scheme).append("'");
        String module = MODULE_FOR_SCHEME.get(scheme);
        if (module != null) {
            sb.append(": add the module ").append(module).append(" to the module path or class path");
        }
        return sb.append(" (installed schemes: ").append(String.join(", ", schemes())).append(")").toString();
    }

    private static Map<String, TransportProvider> providers() {
        Map<String, TransportProvider> map = installed;
        if (map == null) {
            synchronized (Transports.class) {
                map = installed;
                if (map == null) {
                    map = load();
                    installed = map;
                }
            }
        }
        return map;
    }

    private static Map<String, TransportProvider> load() {
        Map<String, TransportProvider> map = new LinkedHashMap<>();
        Iterator<TransportProvider> it = ServiceLoader.load(TransportProvider.class).iterator();
        while (true) {
            TransportProvider p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                Log.LOG.log(Level.WARNING, "skipping a transport provider that failed to load: " + e.getMessage(), e);
                continue;
            }
            for (String s : p.schemes()) {
                String key = s.toLowerCase(Locale.ROOT);
                TransportProvider first = map.putIfAbsent(key, p);
                if (first != null && first.getClass() != p.getClass()) {
                    Log.LOG.log(Level.WARNING, "scheme ''{0}'' is provided by both {1} and {2}; using {1}",
                            key, first.getClass().getName(), p.getClass().getName());
                }
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
