package umqtt.transport.tls.internal;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * Matches the host a client connected to against the identities in the server's certificate,
 * after RFC 6125: a DNS name against the DNS subject alternative names (case-insensitive, a
 * trailing dot ignored, a wildcard only as the whole left-most label of a name with at least
 * two more labels, matching exactly one label), an IP literal against the IP address subject
 * alternative names only. The subject's common name is never used.
 *
 * <p>A wildcard directly under a public suffix would match names of unrelated owners; CAs must not
 * issue one, and we refuse it should one be met: {@code *.com} (a single label), and
 * {@code *.co.uk}, {@code *.com.au}, {@code *.ne.jp} and the like — a two-letter country code
 * under one of the second-level labels its registry sells names below ({@code ac}, {@code co},
 * {@code com}, {@code edu}, {@code go}, {@code gob}, {@code gov}, {@code govt}, {@code lg},
 * {@code ltd}, {@code me}, {@code mil}, {@code ne}, {@code net}, {@code nhs}, {@code nic},
 * {@code or}, {@code org}, {@code plc}, {@code sch}). This small rule stands in for the Public
 * Suffix List, which we do not ship: suffixes it misses are left to the CAs' own rules.
 */
public final class HostnameMatcher {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final Set<String> REGISTRY_LABELS = Set.of("ac", "co", "com", "edu", "go", "gob", "gov", "govt",
            "lg", "ltd", "me", "mil", "ne", "net", "nhs", "nic", "or", "org", "plc", "sch");
    private static final Pattern COUNTRY_CODE = Pattern.compile("[a-z]{2}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private HostnameMatcher() {
    }

    /**
     * Whether {@code host} is an IPv4 or IPv6 literal (with or without the brackets of a URI).
     *
     * @param host the host as written in the server URI
     * @return true for an address literal, false for a name
     */
    public static boolean isIpLiteral(String host) {
        Objects.requireNonNull(host, "host");
        return ipLiteral(host) != null;
    }

    /**
     * The address written in {@code host}, or null when it is a name; never resolves a name.
     *
     * @param host the host as written in the server URI
     * @return the address, or null
     */
    static InetAddress ipLiteral(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.indexOf(':') >= 0) {
            int zone = h.indexOf('%');
            String bare = zone >= 0 ? h.substring(0, zone) : h;
            if (!bare.matches("[0-9A-Fa-f:.]+")) {
                return null;
            }
            return parse(bare);
        }
        var m = IPV4.matcher(h);
        if (!m.matches()) {
            return null;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return null;
            }
        }
        return parse(h);
    }

    private static InetAddress parse(String literal) {
        try {
            // A literal (checked above) is parsed, never looked up.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Whether {@code host} is one of the certificate's identities.
     *
     * @param host the host as written in the server URI
     * @param dnsNames the certificate's DNS subject alternative names
     * @param ipAddresses the certificate's IP address subject alternative names, as text
     * @return true when the host matches
     */
    public static boolean matches(String host, Collection<String> dnsNames, Collection<String> ipAddresses) {
        Objects.requireNonNull(host, "host");
        InetAddress ip = ipLiteral(host);
        if (ip != null) {
            for (String san : ipAddresses) {
                InetAddress other = ipLiteral(san);
                if (other != null && Arrays.equals(ip.getAddress(), other.getAddress())) {
                    return true;
                }
            }
            return false;
        }
        for (String san : dnsNames) {
            if (dnsNameMatches(host, san)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a DNS host name matches one DNS identity of a certificate.
     *
     * @param host the host name (not an address literal)
     * @param pattern the certificate's DNS name, possibly {@code *.example.com}
     * @return true when they match
     */
    public static boolean dnsNameMatches(String host, String pattern) {
        String h = normalise(host);
        String p = normalise(pattern);
        if (h.isEmpty() || p.isEmpty() || h.contains("..") || h.startsWith(".") || ipLiteral(h) != null) {
            return false;
        }
        if (p.indexOf('*') < 0) {
            return h.equals(p);
        }
        if (!p.startsWith("*.") || p.indexOf('*', 1) >= 0) {
            return false;
        }
        String parent = p.substring(2);
        // "*.com" or "*.co.uk" would match every name under a public suffix: refuse them.
        if (parent.indexOf('.') < 0 || parent.startsWith(".") || parent.contains("..") || isRegistry(parent)) {
            return false;
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot + 1).equals(parent);
    }

    /** Whether a two-label name is a country's second-level registry, such as {@code co.uk}. */
    private static boolean isRegistry(String name) {
        int dot = name.indexOf('.');
        return dot > 0 && name.indexOf('.', dot + 1) < 0 && REGISTRY_LABELS.contains(name.substring(0, dot))
                && COUNTRY_CODE.matcher(name.substring(dot + 1)).matches();
    }

    private static String normalise(String name) {
        String n = name;
        try {
            // A host written in Unicode is compared in its ASCII (A-label) form, as certificates carry it.
            n = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // Not a valid IDN: compared as written, so it matches nothing but itself.
        }
        n = n.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /**
     * Checks that the server's certificate names {@code host}.
     *
     * @param host the host as written in the server URI
     * @param certificate the server's (leaf) certificate
     * @throws SSLHandshakeException naming the host and the certificate's names when it does not
     */
    public static void check(String host, X509Certificate certificate) throws SSLHandshakeException {
        List<String> dns = dnsNames(certificate);
        List<String> ips = ipAddresses(certificate);
        if (matches(host, dns, ips)) {
            return;
        }
        List<String> names = new ArrayList<>();
        dns.forEach(n -> names.add("DNS:" + n));
        ips.forEach(n -> names.add("IP:" + n));
        String kind = isIpLiteral(host) ? "IP address" : "host name";
        throw new SSLHandshakeException("host name mismatch: the server's certificate ("
                + certificate.getSubjectX500Principal() + ") is for "
                + (names.isEmpty() ? "no subject alternative name at all" : String.join(", ", names))
                + ", not for the " + kind + " '" + host + "'"
                + (isIpLiteral(host) ? " (an IP address is matched against IP entries only)" : "")
                + ": connect with a name the certificate lists, or have the broker's certificate issued for '"
                + host + "'; TlsOptions.verifyHostname(false) skips this check (unsafe)");
    }

    /**
     * The DNS names of a certificate's subject alternative names.
     *
     * @param certificate the certificate
     * @return the names, possibly empty
     */
    public static List<String> dnsNames(X509Certificate certificate) {
        return sans(certificate, SAN_DNS);
    }

    /**
     * The IP addresses of a certificate's subject alternative names, as text.
     *
     * @param certificate the certificate
     * @return the addresses, possibly empty
     */
    public static List<String> ipAddresses(X509Certificate certificate) {
        return sans(certificate, SAN_IP);
    }

    private static List<String> sans(X509Certificate certificate, int type) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> san : all) {
                    if (san.size() >= 2 && Integer.valueOf(type).equals(san.get(0)) && san.get(1) instanceof String s) {
                        out.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // An unparsable extension names nobody: the check then fails with the names we found.
        }
        return out;
    }
}
