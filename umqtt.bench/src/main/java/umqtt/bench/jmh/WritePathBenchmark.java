package umqtt.bench.jmh;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import umqtt.simple.SimpleClient;

/**
 * {@link SimpleClient#publish} end to end against {@link MemoryTransportProvider}: validation,
 * encoding, the write and (QoS 1) reading the PUBACK, minus the kernel. With {@code -prof gc} the
 * QoS 0 rows must show 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WritePathBenchmark {

    /** Payload size in bytes. */
    @Param({"16", "1024", "65536"})
    public int payloadSize;

    private final byte[] topic = "sensors/building-7/floor-3/temperature".getBytes(StandardCharsets.UTF_8);
    private final String topicString = "sensors/building-7/floor-3/temperature";
    private byte[] payload;
    private SimpleClient client;

    /**
     * Connects a client to the in-memory server.
     *
     * @throws IOException never in memory
     */
    @Setup
    public void setUp() throws IOException {
        payload = new byte[payloadSize];
        client = SimpleClient.builder().clientId("bench").server("mem://bench")
                .transport(new MemoryTransportProvider()).build();
        client.connect();
    }

    /** Closes the client. */
    @TearDown
    public void tearDown() {
        client.close();
    }

    /**
     * QoS 0 with a byte[] topic.
     *
     * @throws IOException never in memory
     */
    @Benchmark
    public void publishQos0() throws IOException {
        client.publish(topic, payload, false, 0);
    }

    /**
     * QoS 0 with a constant String topic (its UTF-8 bytes are cached).
     *
     * @throws IOException never in memory
     */
    @Benchmark
    public void publishQos0StringTopic() throws IOException {
        client.publish(topicString, payload, false, 0);
    }

    /**
     * QoS 1: write, then read and match the PUBACK.
     *
     * @throws IOException never in memory
     */
    @Benchmark
    public void publishQos1() throws IOException {
        client.publish(topic, payload, false, 1);
    }
}
