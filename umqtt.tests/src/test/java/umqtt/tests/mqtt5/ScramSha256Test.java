package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arrays;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import umqtt.api.MqttException;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.ReasonCode;
import umqtt.mqtt5.ScramSha256;

/** SCRAM-SHA-256 (RFC 5802, RFC 7677), the client side of MQTT 5 enhanced authentication (MQTT 5.0 §4.12). */
class ScramSha256Test {

    // RFC 7677 §3, the example exchange, byte for byte.
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    private static final String SECRET = "pencil-Zq7-secret";

    @Test
    void reproducesTheRfc7677ExampleByteForByte() throws Exception {
        ScramSha256 scram = withNonce("user", "pencil", CLIENT_NONCE);
        assertEquals("SCRAM-SHA-256", scram.method());
        assertEquals(CLIENT_FIRST, text(scram.initialData()));
        assertEquals(CLIENT_FINAL, text(scram.challenge(bytes(SERVER_FIRST))));
        assertDoesNotThrow(() -> scram.success(bytes(SERVER_FINAL)));
    }

    @Test
    void aTamperedServerSignatureIsRefused() throws Exception {
        byte[] signature = Base64.getDecoder().decode(SERVER_FINAL.substring(2));
        for (int bit = 0; bit < signature.length * 8; bit += 37) {
            byte[] tampered = signature.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            ScramSha256 scram = atServerFinal("pencil");
            Mqtt5Exception e = refused(() -> scram.success(bytes("v=" + Base64.getEncoder().encodeToString(tampered))));
            assertTrue(e.getMessage().contains("signature (v=) is wrong"), e.getMessage());
        }
        ScramSha256 shortened = atServerFinal("pencil");
        refused(() -> shortened.success(bytes("v=" + Base64.getEncoder().encodeToString(new byte[31]))));
    }

    @Test
    void aServerThatKnowsAnotherPasswordFailsItsSignature() throws Exception {
        // The client used "pencil2": the genuine server's proof of "pencil" is no proof for it.
        ScramSha256 scram = atServerFinal("pencil2");
        refused(() -> scram.success(bytes(SERVER_FINAL)));
    }

    @Test
    void successWithoutTheExchangeOrWithoutASignatureIsRefused() throws Exception {
        // MQTT 5.0 §4.12: a CONNACK Success straight after CONNECT; the server never proved itself.
        ScramSha256 skipped = withNonce("user", "pencil", CLIENT_NONCE);
        skipped.initialData();
        Mqtt5Exception e = refused(() -> skipped.success(new byte[0]));
        assertTrue(e.getMessage().contains("without completing"), e.getMessage());
        refused(() -> atServerFinal("pencil").success(new byte[0]));
        refused(() -> atServerFinal("pencil").success(null));
        // A signature is good once: the exchange is over after the verdict.
        ScramSha256 twice = atServerFinal("pencil");
        twice.success(bytes(SERVER_FINAL));
        refused(() -> twice.success(bytes(SERVER_FINAL)));
    }

    @Test
    void aNonceThatDoesNotExtendTheClientsIsRefused() throws Exception {
        for (String nonce : List.of("r=XOprNGfwEbeRWgbNEkqO%hvYDpW", "r=rOprNGfwEbeRWgbNEkq", "r=" + CLIENT_NONCE,
                "r=" + CLIENT_NONCE + "ab\u0001c", "r=" + CLIENT_NONCE + "é")) {
            ScramSha256 scram = withNonce("user", "pencil", CLIENT_NONCE);
            scram.initialData();
            Mqtt5Exception e = refused(() -> scram.challenge(bytes(nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")));
            assertTrue(e.getMessage().contains("nonce"), e.getMessage());
        }
    }

    @Test
    void iterationCountsBelowRfc7677sMinimumOrAbsurdlyHighAreRefused() throws Exception {
        for (String count : List.of("4095", "1", "0", "-4096", "1000001", "2147483648", "99999999999999999999999")) {
            ScramSha256 scram = withNonce("user", "pencil", CLIENT_NONCE);
            scram.initialData();
            String serverFirst = "r=" + CLIENT_NONCE + "srv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=" + count;
            // Refused before any hashing: an absurd count must not stall the client.
            Mqtt5Exception e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> refused(() -> scram.challenge(bytes(serverFirst))));
            assertTrue(e.getMessage().contains("iteration"), e.getMessage());
        }
        ScramSha256 highest = withNonce("user", "pencil", CLIENT_NONCE);
        highest.initialData();
        assertDoesNotThrow(() -> highest.challenge(bytes("r=" + CLIENT_NONCE + "srv,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")));
    }

    @Test
    void aServerErrorIsReportedWithItsValue() throws Exception {
        ScramSha256 scram = atServerFinal("pencil");
        Mqtt5Exception e = refused(() -> scram.success(bytes("e=invalid-proof")));
        assertTrue(e.getMessage().contains("\"invalid-proof\""), e.getMessage());
        ScramSha256 early = withNonce("user", "pencil", CLIENT_NONCE);
        early.initialData();
        Mqtt5Exception unknown = refused(() -> early.challenge(bytes("e=unknown-user")));
        assertTrue(unknown.getMessage().contains("\"unknown-user\""), unknown.getMessage());
        // The server's words are shown, but only as short printable text.
        ScramSha256 noisy = atServerFinal("pencil");
        Mqtt5Exception shown = refused(() -> noisy.success(bytes("e=bad\u0007\n" + "x".repeat(500))));
        assertFalse(shown.getMessage().contains("\n"), shown.getMessage());
        assertTrue(shown.getMessage().length() < 400, shown.getMessage());
    }

    @Test
    void aMandatoryExtensionIsRefused() throws Exception {
        // RFC 5802 §5.1 m=: "the client MUST cause authentication to fail" when it does not support it.
        ScramSha256 scram = withNonce("user", "pencil", CLIENT_NONCE);
        scram.initialData();
        refused(() -> scram.challenge(bytes("m=ext," + SERVER_FIRST)));
    }

    @Test
    void malformedServerMessagesAreRefused() throws Exception {
        for (String serverFirst : List.of("", ",", "r=", "garbage", "s=W22ZaJ0SNY7soEsUEjb6gQ==,r=" + CLIENT_NONCE
                + "x,i=4096", "r=" + CLIENT_NONCE + "x,s=***,i=4096", "r=" + CLIENT_NONCE + "x,s=,i=4096",
                "r=" + CLIENT_NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==", "r=" + CLIENT_NONCE + "x,s=W22Z,i=4k",
                "r=" + CLIENT_NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=")) {
            ScramSha256 scram = withNonce("user", "pencil", CLIENT_NONCE);
            scram.initialData();
            refused(() -> scram.challenge(bytes(serverFirst)));
        }
        for (String serverFinal : List.of("", "v=", "v=%%%", "x=abc", "6rriTRBi23WpRR")) {
            ScramSha256 scram = atServerFinal("pencil");
            refused(() -> scram.success(bytes(serverFinal)));
        }
        ScramSha256 none = withNonce("user", "pencil", CLIENT_NONCE);
        none.initialData();
        refused(() -> none.challenge(null));
        ScramSha256 notUtf8 = withNonce("user", "pencil", CLIENT_NONCE);
        notUtf8.initialData();
        refused(() -> notUtf8.challenge(new byte[] {'r', '=', (byte) 0xC3, (byte) 0x28}));
    }

    @Test
    void arbitraryServerDataIsAlwaysAnMqtt5ExceptionNeverAnotherFailure() {
        qt().withExamples(3_000).forAll(arrays().ofIntegers(integers().between(0, 255)).withLengthBetween(0, 120),
                integers().between(0, 2)).checkAssert((ints, prefix) -> {
                    byte[] data = new byte[ints.length];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (byte) (int) ints[i];
                    }
                    // Also after a plausible beginning, so the parser gets past its first check.
                    byte[] start = bytes(List.of("", "r=" + CLIENT_NONCE, "v=").get(prefix));
                    byte[] input = new byte[start.length + data.length];
                    System.arraycopy(start, 0, input, 0, start.length);
                    System.arraycopy(data, 0, input, start.length, data.length);
                    ScramSha256 first = withNonce("user", "pencil", CLIENT_NONCE);
                    first.initialData();
                    refused(() -> first.challenge(input));
                    refused(() -> atServerFinal("pencil").success(input));
                });
    }

    @Test
    void theOrderOfTheExchangeIsEnforced() throws Exception {
        ScramSha256 notStarted = withNonce("user", "pencil", CLIENT_NONCE);
        assertEquals(ReasonCode.PROTOCOL_ERROR, refused(() -> notStarted.challenge(bytes(SERVER_FIRST))).code());
        ScramSha256 twice = atServerFinal("pencil");
        assertEquals(ReasonCode.PROTOCOL_ERROR, refused(() -> twice.challenge(bytes(SERVER_FIRST))).code());
    }

    @Test
    void theUserNameIsEscapedAsASaslName() {
        // RFC 5802 §5.1: "=" as "=3D", "," as "=2C"; NFKC folds the ligature "ﬁ" into "fi".
        ScramSha256 scram = withNonce("a=b,c\uFB01", "pencil", CLIENT_NONCE);
        assertEquals("n,,n=a=3Db=2Ccfi,r=" + CLIENT_NONCE, text(scram.initialData()));
        assertThrows(IllegalArgumentException.class, () -> new ScramSha256("", bytes("p")));
        assertThrows(NullPointerException.class, () -> new ScramSha256(null, bytes("p")));
        assertThrows(NullPointerException.class, () -> new ScramSha256("u", null));
    }

    @Test
    void everyExchangeHasAFreshPrintableNonce() {
        ScramSha256 scram = new ScramSha256("user", bytes("pencil"));
        List<String> nonces = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String first = text(scram.initialData());
            assertTrue(first.startsWith("n,,n=user,r="), first);
            String nonce = first.substring("n,,n=user,r=".length());
            assertTrue(nonce.length() >= 16, nonce);
            assertTrue(nonce.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != ','), nonce);
            assertFalse(nonces.contains(nonce), "repeated nonce " + nonce);
            nonces.add(nonce);
        }
    }

    @Test
    void aGenuineServerAndTheClientAgreeForAnyUserAndPassword() {
        qt().withExamples(60).forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 12),
                strings().allPossible().ofLengthBetween(0, 12), integers().between(4096, 4200)).checkAssert(
                        (user, password, iterations) -> {
                            ScramSha256 client = new ScramSha256(user, bytes(password));
                            exchange(client, user, password, iterations);
                            exchange(client, user, password, iterations); // again: a re-authentication
                        });
    }

    @Test
    void theCallersPasswordArrayIsCopied() throws Exception {
        byte[] password = bytes("pencil");
        ScramSha256 scram = withNonce("user", password, CLIENT_NONCE);
        password[0] = 'X';
        scram.initialData();
        assertEquals(CLIENT_FINAL, text(scram.challenge(bytes(SERVER_FIRST))));
    }

    @Test
    void destroyZeroesThePasswordAndEndsTheAuthenticator() throws Exception {
        ScramSha256 scram = withNonce("user", "pencil", CLIENT_NONCE);
        assertFalse(scram.isDestroyed());
        scram.destroy();
        assertTrue(scram.isDestroyed());
        assertThrows(IllegalStateException.class, scram::initialData);
        assertThrows(IllegalArgumentException.class, () -> new ScramSha256("user", new byte[] {(byte) 0xFF}));
    }

    @Test
    void thePasswordAndKeysNeverShowInToStringOrExceptionText() throws Exception {
        byte[] password = bytes(SECRET);
        List<String> texts = new ArrayList<>();
        ScramSha256 scram = withNonce("user", password, CLIENT_NONCE);
        texts.add(scram.toString());
        scram.initialData();
        String clientFinal = text(scram.challenge(bytes(SERVER_FIRST)));
        String proof = clientFinal.substring(clientFinal.indexOf(",p=") + 3);
        texts.add(scram.toString());
        texts.add(refused(() -> scram.success(bytes(SERVER_FINAL))).getMessage()); // signature of "pencil", not ours
        texts.add(refused(() -> scram.challenge(bytes(SERVER_FIRST))).getMessage());
        ScramSha256 again = withNonce("user", password, CLIENT_NONCE);
        again.initialData();
        texts.add(refused(() -> again.challenge(bytes("r=" + CLIENT_NONCE + "x,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=1")))
                .getMessage());
        texts.add(assertThrows(IllegalArgumentException.class,
                () -> new ScramSha256("user", new byte[] {'p', (byte) 0xFF})).getMessage());
        String salted = Base64.getEncoder().encodeToString(
                ScramServer.pbkdf2(SECRET, Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096));
        for (String text : texts) {
            assertFalse(text.contains(SECRET), text);
            assertFalse(text.contains("pencil"), text);
            assertFalse(text.contains(proof), text);
            assertFalse(text.contains(salted), text);
            assertFalse(text.contains("W22ZaJ0SNY7soEsUEjb6gQ"), text); // the salt
        }
    }

    private static void exchange(ScramSha256 client, String user, String password, int iterations) {
        ScramServer server = new ScramServer(user.replace("=", "=3D").replace(",", "=2C"), password,
                bytes("salt-" + iterations), iterations, "srv-nonce");
        try {
            String serverFirst = server.first(client.initialData());
            assertTrue(serverFirst.startsWith("r="), serverFirst);
            String serverFinal = server.last(client.challenge(bytes(serverFirst)));
            assertTrue(serverFinal.startsWith("v="), serverFinal);
            client.success(bytes(serverFinal));
        } catch (MqttException e) {
            throw new AssertionError(e);
        }
    }

    /** The RFC 7677 exchange up to the client-final-message, the client holding {@code password}. */
    private static ScramSha256 atServerFinal(String password) throws MqttException {
        ScramSha256 scram = withNonce("user", password, CLIENT_NONCE);
        scram.initialData();
        scram.challenge(bytes(SERVER_FIRST));
        return scram;
    }

    private static Mqtt5Exception refused(Executable step) {
        Mqtt5Exception e = assertThrows(Mqtt5Exception.class, step);
        assertTrue(e.code() == ReasonCode.NOT_AUTHORIZED || e.code() == ReasonCode.PROTOCOL_ERROR,
                "reason " + ReasonCode.name(e.code()) + ": " + e.getMessage());
        assertNotEquals(null, e.getMessage());
        return e;
    }

    private static ScramSha256 withNonce(String user, String password, String nonce) {
        return withNonce(user, bytes(password), nonce);
    }

    /** The package-private constructor that fixes the client nonce (as RFC 7677's example does). */
    private static ScramSha256 withNonce(String user, byte[] password, String nonce) {
        try {
            Constructor<ScramSha256> c = ScramSha256.class.getDeclaredConstructor(String.class, byte[].class,
                    Supplier.class);
            c.setAccessible(true);
            Supplier<String> nonces = () -> nonce;
            return c.newInstance(user, password, nonces);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
