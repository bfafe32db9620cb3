package umqtt.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import umqtt.transport.tls.internal.ClientIdentity;
import umqtt.transport.tls.internal.PemFiles;

/**
 * The PEM reader for client certificates and keys (PKCS#8, encrypted PKCS#8, PKCS#1 RSA, SEC1 EC)
 * under coverage-guided fuzzing. Whatever a file holds, reading it yields certificates or a key,
 * or fails with an {@link IOException} that names the file and shows neither the password nor a
 * line of the file's body; nothing else escapes.
 *
 * <p>The seeds hold no secret: the RSA key is the textbook one (p = 61, q = 53) and the EC key
 * has the private value 1 on P-256, so its public key is the curve's generator. The certificate
 * the fuzzed keys are checked against is made from that EC key when the test starts.
 */
class PemFilesFuzzTest {

    private static final String PASSWORD = "fuzz-pw";
    private static final Path FOLDER;
    private static final Path CERT;
    private static final Path KEY;

    static {
        try {
            FOLDER = Files.createTempDirectory("pem-fuzz-");
            CERT = FOLDER.resolve("cert.pem");
            KEY = FOLDER.resolve("key.pem");
            writeIdentityOfPrivateValueOne(CERT, KEY);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void keyFileIsReadOrRefused(byte[] content) throws IOException {
        Path file = write("key", content);
        try {
            assertNotNull(PemFiles.privateKey(file, null));
        } catch (IOException e) {
            assertWellFormed(e, file, content);
        }
        try {
            ClientIdentity identity = ClientIdentity.load(CERT, file, PASSWORD.toCharArray());
            // The certificate is of the key with private value 1: nothing else may be accepted.
            ECPrivateKeyParameters ec = (ECPrivateKeyParameters) identity.key();
            assertEquals(BigInteger.ONE, ec.getD(), "accepted a key that is not the certificate's");
            assertFalse(identity.toString().contains(PASSWORD));
        } catch (IOException e) {
            assertWellFormed(e, file, content);
        }
    }

    /**
     * The same contract one layer down: the fuzzer writes the DER inside a well-formed PEM block
     * (byte 0 picks the block, the rest is its content), so its mutations reach the ASN.1 of the
     * keys rather than breaking the base64 armour.
     */
    @FuzzTest(maxDuration = "10m")
    void keyDerIsReadOrRefused(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        byte[] der = Arrays.copyOfRange(data, 1, data.length);
        String pem = switch ((data[0] & 0xFF) % 7) {
            case 0 -> pem("PRIVATE KEY", der);
            case 1 -> pem("ENCRYPTED PRIVATE KEY", der);
            case 2 -> pem("RSA PRIVATE KEY", der);
            case 3 -> pem("EC PRIVATE KEY", der);
            case 4 -> "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                    + pem("EC PRIVATE KEY", der);
            case 5 -> pem("RSA PRIVATE KEY", der).replaceFirst("-----\n",
                    "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,000102030405060708090A0B0C0D0E0F\n\n");
            default -> pem("CERTIFICATE", der);
        };
        keyFileIsReadOrRefused(pem.getBytes(StandardCharsets.US_ASCII));
    }

    @FuzzTest(maxDuration = "10m")
    void certificateFileIsReadOrRefused(byte[] content) throws IOException {
        Path file = write("cert", content);
        try {
            assertFalse(PemFiles.certificates(file, "the fuzzed certificate file").isEmpty());
        } catch (IOException e) {
            assertWellFormed(e, file, content);
        }
        try {
            ClientIdentity identity = ClientIdentity.load(file, KEY, null);
            assertFalse(identity.chain().isEmpty());
        } catch (IOException e) {
            assertWellFormed(e, file, content);
        }
    }

    private static Path write(String name, byte[] content) {
        Path file = FOLDER.resolve(name + "-" + Thread.currentThread().getId() + ".pem");
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** An error names the file when it is the fuzzed one, and shows no password and no body line. */
    private static void assertWellFormed(IOException e, Path file, byte[] content) {
        String message = messages(e);
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "an error says what happened");
        assertFalse(message.contains(PASSWORD), "the password shows in: " + message);
        for (String line : new String(content, StandardCharsets.US_ASCII).split("\r?\n")) {
            String body = line.trim();
            if (body.length() >= 16 && !body.startsWith("-----") && !body.contains(":")
                    && body.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=')) {
                assertFalse(message.contains(body), "a line of the file's body shows in: " + message);
            }
        }
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    private static void writeIdentityOfPrivateValueOne(Path cert, Path key)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec p256 = parameters.getParameterSpec(ECParameterSpec.class);
        KeyFactory factory = KeyFactory.getInstance("EC");
        PrivateKey privateKey = factory.generatePrivate(new ECPrivateKeySpec(BigInteger.ONE, p256));
        PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(p256.getGenerator(), p256));
        X500Name name = new X500Name("CN=fuzz");
        Instant now = Instant.now();
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minusSeconds(3600)),
                Date.from(now.plusSeconds(86_400)), name, publicKey)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(privateKey)).getEncoded();
        Files.writeString(cert, pem("CERTIFICATE", der));
        Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
