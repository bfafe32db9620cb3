package umqtt.bench.jmh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import umqtt.api.Message;
import umqtt.api.MqttException;
import umqtt.simple.codec.Decoder;
import umqtt.simple.codec.Encoder;
import umqtt.simple.codec.PacketBuffer;
import umqtt.simple.codec.PacketReader;

/**
 * Encoding and decoding one PUBLISH at 16 B, 1 KB and 64 KB of payload. Run with {@code -prof gc}:
 * encoding into a reused buffer allocates nothing; decoding the packet a {@link PacketReader} holds
 * allocates the topic, the payload and the {@link Message}, nothing else.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    /** Payload size in bytes. */
    @Param({"16", "1024", "65536"})
    public int payloadSize;

    private final byte[] topic = "sensors/building-7/floor-3/temperature".getBytes(StandardCharsets.UTF_8);
    private byte[] payload;
    private PacketBuffer buffer;
    private PacketReader reader;

    /**
     * Encodes the packet the decoder benchmarks read, and has a reader take it in.
     *
     * @throws IOException never: the stream is in memory
     */
    @Setup
    public void setUp() throws IOException {
        payload = new byte[payloadSize];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        buffer = new PacketBuffer(payloadSize + 128);
        Encoder.publishHeader(buffer, topic, 1, false, false, 4711, payload.length);
        buffer.put(payload, 0, payload.length);
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        buffer.writeTo(wire);
        byte[] encoded = wire.toByteArray();
        reader = new PacketReader(new ByteArrayInputStream(encoded), encoded.length, encoded.length);
        if (!reader.next()) {
            throw new IllegalStateException("the reader did not take in the encoded PUBLISH");
        }
    }

    /**
     * A QoS 0 PUBLISH, header and payload, into a reused buffer.
     *
     * @return the buffer (so the work is not dead code)
     */
    @Benchmark
    public PacketBuffer encodePublishQos0() {
        buffer.reset();
        Encoder.publishHeader(buffer, topic, 0, false, false, 0, payload.length);
        return buffer.put(payload, 0, payload.length);
    }

    /**
     * A QoS 1 PUBLISH, header and payload, into a reused buffer.
     *
     * @return the buffer
     */
    @Benchmark
    public PacketBuffer encodePublishQos1() {
        buffer.reset();
        Encoder.publishHeader(buffer, topic, 1, false, false, 4711, payload.length);
        return buffer.put(payload, 0, payload.length);
    }

    /**
     * A QoS 1 PUBLISH held by the reader into a {@link Message}, as the client does on receipt.
     *
     * @return the message
     * @throws MqttException never: the packet is valid
     */
    @Benchmark
    public Message decodePublish() throws MqttException {
        return Decoder.publish(reader);
    }

    /**
     * The packet id of the same PUBLISH.
     *
     * @return the id
     */
    @Benchmark
    public int decodePublishPacketId() {
        return Decoder.publishId(reader);
    }
}
