package umqtt.tests.websocket;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The generators of the WebSocket properties, in one place. */
final class WebSocketGenerators {

    private WebSocketGenerators() {
    }

    /** Payload lengths of the 7-bit class: 0..125. */
    static Gen<Long> sevenBitLengths() {
        return longs().between(0, 125);
    }

    /** Payload lengths of the 16-bit class: 126..65535. */
    static Gen<Long> sixteenBitLengths() {
        return longs().between(126, 0xFFFF);
    }

    /** Payload lengths of the 64-bit class: 65536..2^63-1. */
    static Gen<Long> sixtyFourBitLengths() {
        return longs().between(0x10000, Long.MAX_VALUE);
    }

    /** Any payload length, each class equally likely. */
    static Gen<Long> payloadLengths() {
        return Generate.oneOf(sevenBitLengths(), sixteenBitLengths(), sixtyFourBitLengths());
    }

    /** Payload sizes to really send, across the three classes (the largest kept testable). */
    static Gen<Integer> payloadSizes() {
        return Generate.oneOf(integers().between(0, 125), integers().between(126, 0xFFFF),
                integers().between(0x10000, 300_000));
    }

    /** Bytes of a given length, from a seed (cheap for big payloads; shrinking works on the length). */
    static Gen<byte[]> payloads(Gen<Integer> sizes) {
        return sizes.zip(integers().all(), (size, seed) -> {
            byte[] b = new byte[size];
            new java.util.Random(seed).nextBytes(b);
            return b;
        });
    }

    /** Masking keys: any 32-bit value, zero included. */
    static Gen<Integer> maskKeys() {
        return integers().all();
    }

    /** Data opcodes. */
    static Gen<Integer> dataOpcodes() {
        return Generate.pick(List.of(0x0, 0x1, 0x2));
    }

    /** Control opcodes. */
    static Gen<Integer> controlOpcodes() {
        return Generate.pick(List.of(0x8, 0x9, 0xA));
    }

    /** Small MQTT PUBLISH packets (fixed header 0x30, remaining length, body). */
    static Gen<List<byte[]>> mqttPackets() {
        return lists().of(payloads(integers().between(0, 300)).map(WebSocketGenerators::publish)).ofSizeBetween(1, 8);
    }

    /** Positive sizes, for cutting streams into messages, frames, chunks or reads. */
    static Gen<List<Integer>> cuts(int max) {
        return lists().of(integers().between(1, max)).ofSizeBetween(1, 12);
    }

    /** Zero or positive sizes (empty frames are legal). */
    static Gen<List<Integer>> frameCuts(int max) {
        return lists().of(integers().between(0, max)).ofSizeBetween(1, 12);
    }

    /** Where to put pings and timeouts: a pattern of yes/no, cycled. */
    static Gen<List<Boolean>> pattern() {
        return lists().of(Generate.booleans()).ofSizeBetween(1, 12);
    }

    /** A PUBLISH packet whose body is {@code body}: 0x30, the remaining length, the body. */
    static byte[] publish(byte[] body) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x30);
        int x = body.length;
        do {
            int digit = x % 128;
            x /= 128;
            p.write(x > 0 ? digit | 0x80 : digit);
        } while (x > 0);
        p.writeBytes(body);
        return p.toByteArray();
    }
}
