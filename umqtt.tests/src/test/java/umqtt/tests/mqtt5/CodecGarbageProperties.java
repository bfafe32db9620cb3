package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.Generate.pick;
import static org.quicktheories.generators.Generate.range;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import umqtt.api.MqttException;
import umqtt.mqtt5.codec.FrameReader;
import umqtt.mqtt5.codec.Packet;

/**
 * Bytes that are not MQTT 5 into the codec: a packet or an {@link MqttException} with 0x81
 * Malformed Packet, 0x82 Protocol Error or 0x95 Packet too large (4.13 Handling errors; 0x84 for a
 * CONNECT of another protocol version, MQTT-3.1.2-2), never another exception, never a hang, never
 * a buffer sized by a length the bytes did not back.
 */
// A hang fails the test; two minutes, as a loaded machine slows tens of thousands of examples.
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
class CodecGarbageProperties {

    private static final int LIMIT = 4_096;
    /** An allocation bound far below every length the tests below claim (60,000 and up). */
    private static final long SMALL = 32 * 1024;

    /** First bytes with the flags 2.1.3 requires, so bodies reach each packet's decoder. */
    private static final List<Integer> HEADERS = List.of(0x10, 0x20, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x3A, 0x3B,
            0x3C, 0x3D, 0x40, 0x50, 0x62, 0x70, 0x82, 0x90, 0xA2, 0xB0, 0xC0, 0xD0, 0xE0, 0xF0);

    @Test
    void anyBodyBehindAnyHeaderDecodesOrFailsWithTheStandardsCodes() {
        qt().withExamples(30_000).forAll(range(0, 255).mix(pick(HEADERS), 80), Mqtt5Generators.bytes(300))
                .checkAssert((header, body) -> {
                    try {
                        ServerCodec.decode(header, body, 0, body.length);
                    } catch (MqttException e) {
                        assertStandardRefusal(e, header);
                    } catch (Exception e) {
                        throw new AssertionError("unexpected " + e + " for " + Mqtt5Wire.hex(body), e);
                    }
                });
    }

    @Test
    void framingAnyStreamEndsInAPacketARefusalOrTheEndOfTheStreamUnderTheLimit() {
        qt().withExamples(20_000).forAll(Mqtt5Generators.bytes(6_000))
                .checkAssert(bytes -> readAll(new ByteArrayInputStream(bytes), bytes.length));
    }

    @Test
    void validPacketsWithBytesChangedFailOnlyAsTheStandardSaysHoweverTheyArrive() {
        qt().withExamples(10_000).forAll(Mqtt5Generators.packets(), Mqtt5Generators.packets(),
                Mqtt5Generators.bytes(6), range(1, 64)).checkAssert((a, b, changes, chunk) -> {
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    all.writeBytes(Mqtt5Wire.encode(a));
                    all.writeBytes(Mqtt5Wire.encode(b));
                    byte[] bytes = all.toByteArray();
                    // changes: pairs of (position seed, new value)
                    for (int i = 0; i + 1 < changes.length; i += 2) {
                        bytes[(changes[i] & 0xFF) * 31 % bytes.length] = changes[i + 1];
                    }
                    readAll(new Chunks(bytes, chunk), bytes.length);
                });
    }

    @Test
    void aPropertyLengthClaimingMoreThanThePacketHoldsIsMalformedWithoutAllocatingForIt() {
        // PUBACK id 1, reason 0, then a property length of 268,435,455 in a 4-byte body and more.
        qt().withExamples(500).forAll(range(1_000_000, 268_435_455), Mqtt5Generators.bytes(20)).checkAssert((claim, rest) -> {
            byte[] body = new Mqtt5Wire().u16(1).u8(0).vbi(claim).bytes(rest).toByteArray();
            assertRefusedSmall(0x40, body, "property length");
        });
    }

    @Test
    void aStringOrBinaryLengthClaimingMoreThanThePacketHoldsIsMalformedWithoutAllocatingForIt() {
        // Two-byte lengths of 65,535 at most (1.5.4, 1.5.6) with 0 to 20 bytes behind them.
        qt().withExamples(300).forAll(range(60_000, 0xFFFF), Mqtt5Generators.bytes(20)).checkAssert((claim, rest) -> {
            // PUBLISH topic name
            assertRefusedSmall(0x30, new Mqtt5Wire().u16(claim).bytes(rest).toByteArray(), "topic");
            // Reason String in a PUBACK's properties, the property length telling the truth about the packet
            byte[] reason = new Mqtt5Wire().u8(0x1F).u16(claim).bytes(rest).toByteArray();
            assertRefusedSmall(0x40, new Mqtt5Wire().u16(1).u8(0).vbi(reason.length).bytes(reason).toByteArray(),
                    "Reason String");
            // Correlation Data (binary) in a PUBLISH
            byte[] data = new Mqtt5Wire().u8(0x09).u16(claim).bytes(rest).toByteArray();
            assertRefusedSmall(0x30, new Mqtt5Wire().string("t").vbi(data.length).bytes(data).toByteArray(),
                    "Correlation Data");
            // User Property value, its name whole
            byte[] user = new Mqtt5Wire().u8(0x26).string("k").u16(claim).bytes(rest).toByteArray();
            assertRefusedSmall(0xE0, new Mqtt5Wire().u8(0).vbi(user.length).bytes(user).toByteArray(), "User Property");
            // CONNECT client identifier and password
            assertRefusedSmall(0x10, new Mqtt5Wire().string("MQTT").u8(5).u8(2).u16(0).u8(0).u16(claim).bytes(rest)
                    .toByteArray(), "client identifier");
            assertRefusedSmall(0x10, new Mqtt5Wire().string("MQTT").u8(5).u8(0x42).u16(0).u8(0).string("c").u16(claim)
                    .bytes(rest).toByteArray(), "password");
        });
    }

    @Test
    void aPacketOverTheMaximumIsRefusedFromItsFixedHeader_MQTT_3_1_2_24() {
        // "If a Client receives a packet whose size exceeds this limit, this is a Protocol Error, the Client uses
        // DISCONNECT with Reason Code 0x95 (Packet too large)" (3.1.2.11.4): refused from the fixed header alone,
        // with no body sent at all, nothing allocated for it.
        qt().withExamples(2_000).forAll(pick(HEADERS), range(LIMIT - 1, 268_435_455)).checkAssert((header, length) -> {
            byte[] fixed = new Mqtt5Wire().u8(header).vbi(length).toByteArray();
            FrameReader reader = new FrameReader(new ByteArrayInputStream(fixed), LIMIT, 64);
            if (fixed.length + (long) length <= LIMIT) {
                assertThrows(EOFException.class, reader::next, "a packet of the limit is read (and here cut short)");
                return;
            }
            long before = Mqtt5Wire.allocatedBytes();
            MqttException e = assertThrows(MqttException.class, reader::next);
            long allocated = Mqtt5Wire.allocatedBytes() - before;
            assertEquals(0x95, e.code(), e.getMessage());
            assertTrue(allocated < SMALL, allocated + " bytes allocated");
            assertEquals(64, reader.buffer().length, "the buffer did not grow");
        });
    }

    @Test
    void aPacketOfExactlyTheMaximumIsRead() throws Exception {
        // PUBLISH "t" QoS 0, no properties, a payload making the whole packet LIMIT bytes.
        int body = LIMIT - 3;
        byte[] payload = new byte[body - 3 - 1];
        byte[] wire = Mqtt5Wire.packet(0x30, new Mqtt5Wire().string("t").u8(0).bytes(payload).toByteArray());
        assertEquals(LIMIT, wire.length);
        FrameReader reader = new FrameReader(new ByteArrayInputStream(wire), LIMIT, 64);
        assertTrue(reader.next());
        assertEquals(payload.length, ((Packet.Publish) ServerCodec.decode(reader)).payload().length);
        byte[] over = Mqtt5Wire.packet(0x30, new Mqtt5Wire().string("t").u8(0).bytes(new byte[payload.length + 1])
                .toByteArray());
        assertEquals(0x95, assertThrows(MqttException.class,
                () -> new FrameReader(new ByteArrayInputStream(over), LIMIT, 64).next()).code());
    }

    @Test
    void theBufferGrowsWithTheBytesThatArriveNotWithTheLengthAHeaderClaims() {
        // Under the largest limit MQTT allows, a peer announces a 200 MB PUBLISH and sends 10 bytes of it, then
        // stalls or closes: the reader must not have allocated 200 MB on the strength of 5 header bytes
        // (DESIGN: "an inbound packet larger than the configured maximum is refused before its body is allocated";
        // the 3.1.1 reader grows by doubling while reads fill it).
        byte[] start = new Mqtt5Wire().u8(0x30).vbi(200_000_000).bytes(new byte[10]).toByteArray();
        assertThrows(EOFException.class, // once first, so class loading is not counted
                () -> new FrameReader(new Chunks(start, 1), Mqtt5Wire.MQTT_MAX_PACKET, 64).next());
        FrameReader reader = new FrameReader(new ByteArrayInputStream(start), Mqtt5Wire.MQTT_MAX_PACKET, 64);
        long before = Mqtt5Wire.allocatedBytes();
        assertThrows(EOFException.class, reader::next);
        long allocated = Mqtt5Wire.allocatedBytes() - before;
        assertTrue(allocated < SMALL, allocated + " bytes allocated for 15 bytes received");
        // The same with 2,000 bytes arriving one per read: the buffer doubles as they fill it, to 4 KB at most.
        byte[] trickle = new Mqtt5Wire().u8(0x30).vbi(200_000_000).bytes(new byte[2_000]).toByteArray();
        FrameReader slow = new FrameReader(new Chunks(trickle, 1), Mqtt5Wire.MQTT_MAX_PACKET, 64);
        long slowBefore = Mqtt5Wire.allocatedBytes();
        assertThrows(EOFException.class, slow::next);
        assertTrue(Mqtt5Wire.allocatedBytes() - slowBefore < SMALL, "allocated for 2,005 bytes received");
        assertTrue(slow.buffer().length <= 4_096, "buffer of " + slow.buffer().length);
    }

    private static void assertRefusedSmall(int header, byte[] body, String what) {
        refuse(header, body, what); // once first, so class loading is not counted
        long before = Mqtt5Wire.allocatedBytes();
        MqttException e = refuse(header, body, what);
        long allocated = Mqtt5Wire.allocatedBytes() - before;
        assertEquals(0x81, e.code(), e.getMessage());
        assertTrue(allocated < SMALL, what + ": " + allocated + " bytes allocated to refuse " + body.length + " bytes");
    }

    private static MqttException refuse(int header, byte[] body, String what) {
        try {
            Packet p = ServerCodec.decode(header, body, 0, body.length);
            throw new AssertionError(what + ": decoded " + p + " from " + Mqtt5Wire.hex(body));
        } catch (MqttException e) {
            return e;
        }
    }

    private static void assertStandardRefusal(MqttException e, int header) {
        boolean connect = header >>> 4 == 1;
        assertTrue(e.code() == 0x81 || e.code() == 0x82 || e.code() == 0x95 || connect && e.code() == 0x84,
                String.format("code 0x%02X: %s", e.code(), e.getMessage()));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    /**
     * Reads and decodes the {@code length} bytes of {@code in} until a refusal or the end of the
     * stream. Each round reads at least one byte or yields a packet, so more rounds mean a hang.
     */
    private static void readAll(InputStream in, int length) {
        FrameReader reader = new FrameReader(in, LIMIT, 64);
        int header = -1;
        try {
            for (int round = 0; round <= 2 * length + 2; round++) {
                boolean packet = reader.next();
                assertTrue(reader.buffer().length <= LIMIT, "buffer grew to " + reader.buffer().length);
                if (packet) {
                    header = reader.header();
                    ServerCodec.decode(reader);
                }
            }
            fail("no end after " + length + " bytes");
        } catch (EOFException expected) {
            assertTrue(reader.buffer().length <= LIMIT);
        } catch (MqttException e) {
            assertStandardRefusal(e, header);
            assertTrue(reader.buffer().length <= LIMIT);
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }

    /** The bytes in reads of at most {@code chunk} bytes. */
    private static final class Chunks extends ByteArrayInputStream {
        private final int chunk;

        Chunks(byte[] bytes, int chunk) {
            super(bytes);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
