package umqtt.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import umqtt.api.TlsOptions;

/** The TLS options of every command, and the {@link TlsOptions} they make. */
final class TlsFlags {

    /** Their help text. */
    static final String HELP = """
            TLS (any of these with -h/-p switches to mqtts://):
             --cafile FILE      trust the CA certificates of this PEM file (default: the JDK's)
             --capath DIR       trust the CA certificates of every *.pem and *.crt file in DIR
             --cert FILE        the client certificate (PEM), with --key
             --key FILE         the client's private key (PEM: PKCS#8, PKCS#1 or SEC1)
             --insecure         do not check the server's host name against its certificate
             --psk HEX          TLS-PSK key in hex (never printed), with --psk-identity
             --psk-identity ID  TLS-PSK identity
             --alpn PROTOCOL    offer this ALPN protocol (repeat for more)
            """;

    private Path cafile;
    private Path capath;
    private Path cert;
    private Path key;
    private boolean insecure;
    private byte[] psk;
    private String pskIdentity;
    private final List<String> alpn = new ArrayList<>();

    /**
     * Takes {@code option} (and its value) if it is a TLS option.
     *
     * @return false when it is not
     */
    boolean accept(String option, Args args) throws UsageException {
        switch (option) {
            case "--cafile" -> cafile = args.readableFile();
            case "--capath" -> capath = folder(args.value());
            case "--cert" -> cert = args.readableFile();
            case "--key" -> key = args.readableFile();
            case "--insecure" -> insecure = true;
            case "--psk" -> psk = hex(args.value());
            case "--psk-identity" -> pskIdentity = args.value();
            case "--alpn" -> alpn.add(args.value());
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Checks the options that go in pairs. */
    void check() throws UsageException {
        if ((cert == null) != (key == null)) {
            throw new UsageException("--cert and --key go together: give both or neither");
        }
        if ((psk == null) != (pskIdentity == null)) {
            throw new UsageException("--psk and --psk-identity go together: give both or neither");
        }
    }

    /** @return whether any TLS option was given (then {@code -h}/{@code -p} mean mqtts://) */
    boolean given() {
        return cafile != null || capath != null || cert != null || psk != null || insecure || !alpn.isEmpty();
    }

    /** @return the TLS settings these options make */
    TlsOptions options() {
        TlsOptions.Builder tls = TlsOptions.builder().verifyHostname(!insecure);
        if (cafile != null) {
            tls.trustPem(cafile);
        }
        if (capath != null) {
            tls.trustPemDirectory(capath);
        }
        if (cert != null) {
            tls.clientCertificate(cert, key);
        }
        if (psk != null) {
            tls.psk(pskIdentity, psk);
        }
        if (!alpn.isEmpty()) {
            tls.alpn(alpn.toArray(String[]::new));
        }
        return tls.build();
    }

    private static Path folder(String dir) throws UsageException {
        Path p = Path.of(dir);
        if (!Files.isDirectory(p) || !Files.isReadable(p)) {
            throw new UsageException("--capath " + Args.shown(dir) + ": no such readable folder"
                    + (Files.isRegularFile(p) ? " (it is a file: give a CA file with --cafile)" : ""));
        }
        return p;
    }

    private static byte[] hex(String v) throws UsageException {
        try {
            byte[] bytes = HexFormat.of().parseHex(v.trim());
            if (bytes.length > 0) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the key
        }
        throw new UsageException("--psk takes the key as an even number of hex digits (the value is not shown)");
    }
}
