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
 * {@link SimpleClient#publish} and {@link SimpleClient#send} end to end against
 * {@link MemoryTransportProvider}: validation, encoding, the write and (QoS 1) reading the PUBACK,
 * minus the kernel. With {@code -prof gc} the QoS 0 rows must show 0 B/op; a QoS 1 send copies its
 * topic and payload into the session, and with a full window reads one PUBACK per send.
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
    /** The in-flight window of the send rows. */
    private static final int WINDOW = 20;

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
                .transport(new MemoryTransportProvider()).maxInFlight(WINDOW).build();
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

    /**
     * {@code send} at QoS 0: the same write as publish, plus a ticket.
     *
     * @return the ticket, so the call cannot be optimised away
     * @throws IOException never in memory
     */
    @Benchmark
    public long sendQos0() throws IOException {
        return client.send(topic, payload, false, 0);
    }

    /**
     * {@code send} at QoS 0 with a constant String topic.
     *
     * @return the ticket
     * @throws IOException never in memory
     */
    @Benchmark
    public long sendQos0StringTopic() throws IOException {
        return client.send(topicString, payload, false, 0);
    }

    /**
     * {@code send} at QoS 1 with a window of 20: once the window is full, each send writes one
     * PUBLISH and reads one PUBACK (the server's acks wait in the transport as on a socket).
     *
     * @return the ticket
     * @throws IOException never in memory
     */
    @Benchmark
    public long sendQos1Window20() throws IOException {
        return client.send(topic, payload, false, 1);
    }
}
