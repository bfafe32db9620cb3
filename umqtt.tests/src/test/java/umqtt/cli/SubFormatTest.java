package umqtt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import umqtt.api.Message;

/**
 * {@code sub -F} formats one message at a fixed time: each field, mosquitto's padding, the
 * escapes, and {@code %j} with awkward payloads (quotes, control characters, binary, invalid
 * UTF-8, empty). What mosquitto_sub itself prints is compared in CliFormatTest.
 */
class SubFormatTest {

    /** 2020-05-06 21:48:00.123456789 at +01:00, the time of mosquitto's manual. */
    private static final ZonedDateTime AT = ZonedDateTime.of(2020, 5, 6, 21, 48, 0, 123_456_789,
            ZoneOffset.ofHours(1));

    private static Message msg(String topic, byte[] payload, int qos, boolean retained) {
        return new Message(topic.getBytes(StandardCharsets.UTF_8), payload, qos, retained, false);
    }

    private static Message msg(String topic, String payload) {
        return msg(topic, payload.getBytes(StandardCharsets.UTF_8), 0, false);
    }

    private static String format(String format, Message m) throws UsageException {
        return new String(SubFormat.compile(format).format(m, AT), StandardCharsets.ISO_8859_1);
    }

    @Test
    void messageFields() throws Exception {
        Message m = msg("a/b", "héllo".getBytes(StandardCharsets.UTF_8), 1, true);
        assertEquals("a/b|héllo|1|1|6|%", new String(SubFormat.compile("%t|%p|%q|%r|%l|%%").format(m, AT),
                StandardCharsets.UTF_8));
        assertEquals("68c3a96c6c6f 68C3A96C6C6F", format("%x %X", m));
        assertEquals("0", format("%m", msg("t", "x")), "QoS 0 has no packet id: 0, as mosquitto");
        assertEquals("", format("%m", m), "QoS 1: the id is not known, so nothing");
        assertEquals("   ", format("%3m", m));
    }

    @Test
    void widthPrecisionAndPaddingAsMosquittoDocumentsThem() throws Exception {
        Message m = msg("topic", "abc");
        assertEquals("[     topic][topic     ][to][    t]", format("[%10t][%-10t][%.2t][%5.1t]", m));
        assertEquals("[     abc][abc     ][00000abc]", format("[%8p][%-8p][%08p]", m));
        assertEquals("[    3][3    ][00003][3    ]", format("[%5l][%-5l][%05l][%-05l]", m));
        assertEquals("[  616263][616263  ][00616263]", format("[%8x][%-8x][%08x]", m), "width counts hex digits");
        assertEquals("abc", format("%2p", m), "a width is a minimum: nothing is cut");
        assertEquals("2020-05", format("%.7I", m));
    }

    @Test
    void escapes() throws Exception {
        assertEquals("a\tb\nc\\d\u001b[0m\u0007\u000b\r\0", format("a\\tb\\nc\\\\d\\e[0m\\a\\v\\r\\0", msg("t", "")));
    }

    @Test
    void timeFields() throws Exception {
        Message m = msg("t", "x");
        assertEquals("2020-05-06T21:48:00+0100", format("%I", m));
        assertEquals("1588798080.123456789", format("%U", m));
        assertEquals("2020-05-06 21:48:00.123456789 @ +0100 Wed May 127 09 PM 1588798080",
                format("@Y-@m-@d @H:@M:@S.@N @@ @z @a @b @j @I @p @s", m));
        assertEquals("2020-05-06T21:48:00 05/06/20", format("@FT@T @D", m));
    }

    @Test
    void mqtt5PropertiesPrintWhatMosquittoPrintsWithoutThem() throws Exception {
        assertEquals("[   ][000][   ][]", format("[%3A][%03E][%3C][%D%P%R]", msg("t", "x")));
    }

    @Test
    void jsonKeysInMosquittosOrderWithItsEscaping() throws Exception {
        String tst = "\"tst\":\"2020-05-06T21:48:00.123456Z+0100\"";
        assertEquals("{" + tst + ",\"topic\":\"a/\\\"b\\\"\",\"qos\":0,\"retain\":0,\"payloadlen\":10,"
                + "\"payload\":\"q\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\"}",
                format("%j", msg("a/\"b\"", "q\"\\\b\f\n\r\t\u0001\u001f")));
        assertEquals("{" + tst + ",\"topic\":\"t\",\"qos\":2,\"retain\":1,\"payloadlen\":0,\"payload\":null}",
                format("%j", msg("t", new byte[0], 2, true)), "an empty payload is null, as mosquitto");
    }

    @Test
    void prettyJsonIsCjsonsLayout() throws Exception {
        assertEquals("{\n\t\"tst\":\t\"2020-05-06T21:48:00.123456Z+0100\",\n\t\"topic\":\t\"t\",\n\t\"qos\":\t1,"
                + "\n\t\"retain\":\t0,\n\t\"payloadlen\":\t2,\n\t\"payload\":\t[255, 0]\n}",
                new String(SubFormat.compile("%j", true).format(msg("t", new byte[] {-1, 0}, 1, false), AT),
                        StandardCharsets.UTF_8));
    }

    @Test
    void jsonOfUtf8IsAStringAndOfOtherBytesAnArray() throws Exception {
        byte[] utf8 = "é€\u007f/\0".getBytes(StandardCharsets.UTF_8);
        String out = new String(SubFormat.compile("%j").format(msg("t", utf8, 0, false), AT), StandardCharsets.UTF_8);
        assertTrue(out.endsWith("\"payloadlen\":8,\"payload\":\"é€\u007f/\\u0000\"}"), out);
        byte[] binary = {(byte) 0xff, 0, 'a', (byte) 0xc3};
        assertTrue(format("%j", msg("t", binary, 0, false)).endsWith("\"payloadlen\":4,\"payload\":[255,0,97,195]}"));
        byte[] overlong = {(byte) 0xc0, (byte) 0xaf}; // '/' in two bytes: not UTF-8
        assertFalse(SubJson.utf8(overlong));
        byte[] surrogate = {(byte) 0xed, (byte) 0xa0, (byte) 0x80};
        assertFalse(SubJson.utf8(surrogate));
    }

    @Test
    void jsonPayloadIsWrittenAgainAsCjsonWritesIt() throws Exception {
        String json = " {\"n\": [27.0, 1e3, -0.0, 0.1, 1e20, 2.5e-5, 01, 1., 1e400],\n \"s\": \"\\u00e9\\/\\ud83d\\ude00\"} ";
        String out = new String(SubFormat.compile("%J").format(msg("t", json), AT), StandardCharsets.UTF_8);
        assertTrue(out.endsWith("\"payload\":{\"n\":[27,1000,-0,0.1,1e+20,2.5e-05,1,1,null],\"s\":\"é/\uD83D\uDE00\"}}"), out);
        String pretty = new String(SubFormat.compile("%J", true).format(msg("t", "{\"a\":{},\"b\":[{\"c\":1}]}"), AT),
                StandardCharsets.UTF_8);
        assertTrue(pretty.endsWith("\"payload\":\t{\n\t\t\"a\":\t{\n\t\t},\n\t\t\"b\":\t[{\n\t\t\t\t\"c\":\t1\n\t\t\t}]\n\t}\n}"),
                pretty);
        assertEquals("0.3", JsonPayload.print(0.1 + 0.2), "cJSON reads back within a relative epsilon");
        assertEquals("1.0000000000000004", JsonPayload.print(1.0000000000000004), "%1.17g when %1.15g does not read back");
        assertEquals("1.79769313486232e+308", JsonPayload.print(Double.MAX_VALUE), "as cJSON, whose check lets inf pass");
    }

    @Test
    void payloadThatIsNotJsonLeavesPercentJOutAndSaysSo() throws Exception {
        for (String bad : new String[] {"{\"a\":1,}", "[1 2]", "nul", "-", "\"open", "{\"a\" 1}", "1 2", "\"\\x\""}) {
            java.util.List<String> errors = new java.util.ArrayList<>();
            byte[] out = SubFormat.compile("<%J>").format(msg("a/b", bad), AT, errors::add);
            assertEquals("<>", new String(out, StandardCharsets.UTF_8), bad);
            assertEquals(java.util.List.of("Error: Message payload is not valid JSON on topic a/b."), errors, bad);
        }
        assertTrue(format("%J", msg("t", new byte[0], 0, false)).endsWith("\"payload\":null}"), "empty: null");
    }

    @Test
    void binaryPayloadPrintsAsIs() throws Exception {
        byte[] every = new byte[256];
        for (int i = 0; i < 256; i++) {
            every[i] = (byte) i;
        }
        assertArrayEquals(every, SubFormat.compile("%p").format(msg("t", every, 0, false), AT));
        assertEquals(512, format("%x", msg("t", every, 0, false)).length());
    }

    @Test
    void timeIsReadOnlyWhenTheFormatPrintsIt() throws Exception {
        assertFalse(SubFormat.compile("%t %p %x").usesTime());
        for (String f : new String[] {"%I", "%U", "%j", "@H"}) {
            assertTrue(SubFormat.compile(f).usesTime(), f);
        }
        assertEquals("t x", new String(SubFormat.compile("%t %p").format(msg("t", "x"), null), StandardCharsets.UTF_8));
    }

    @Test
    void badFormatsAreRefusedWithMosquittosReasons() {
        for (String bad : new String[] {"%", "x%", "%-", "%0", "%12", "%.3", "@", "\\"}) {
            UsageException e = assertThrows(UsageException.class, () -> SubFormat.compile(bad), bad);
            assertTrue(e.getMessage().contains("incomplete"), bad + ": " + e.getMessage());
        }
        assertTrue(assertThrows(UsageException.class, () -> SubFormat.compile("%k")).getMessage()
                .contains("invalid format specifier 'k'"));
        assertTrue(assertThrows(UsageException.class, () -> SubFormat.compile("\\x")).getMessage()
                .contains("invalid escape \\x"));
    }

    @Test
    void localTimeZoneIsUsedByTheCaller() throws Exception {
        ZonedDateTime utc = AT.withZoneSameInstant(ZoneId.of("UTC"));
        assertEquals("2020-05-06T20:48:00+0000", new String(SubFormat.compile("%I").format(msg("t", "x"), utc),
                StandardCharsets.UTF_8));
    }

    @Test
    void topicFilterMatchingForMinusT() {
        assertTrue(TopicFilter.matches("a/#", "a"));
        assertTrue(TopicFilter.matches("a/#", "a/b/c"));
        assertTrue(TopicFilter.matches("a/+/c", "a/b/c"));
        assertTrue(TopicFilter.matches("+/+", "/x"));
        assertFalse(TopicFilter.matches("a/+", "a/b/c"));
        assertFalse(TopicFilter.matches("a/b", "a/b/c"));
        assertFalse(TopicFilter.matches("#", "$SYS/x"));
        assertTrue(TopicFilter.matches("$SYS/#", "$SYS/x"));
        assertEquals(null, TopicFilter.problem("a/+/#"));
        assertTrue(TopicFilter.problem("a/#/b").contains("#"));
        assertTrue(TopicFilter.problem("a+").contains("+"));
        assertTrue(TopicFilter.problem("").contains("empty"));
    }
}
