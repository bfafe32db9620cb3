package umqtt.bench.jmh;

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
import umqtt.api.MqttException;
import umqtt.simple.codec.RemainingLength;

/** The variable-length remaining-length field at its 1, 2, 3 and 4 byte sizes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RemainingLengthBenchmark {

    /** The value coded: the largest of each size. */
    @Param({"127", "16383", "2097151", "268435455"})
    public int value;

    private final byte[] scratch = new byte[8];
    private final byte[] encoded = new byte[8];
    private int encodedLength;

    /** Encodes the value the decoder benchmark reads. */
    @Setup
    public void setUp() {
        encodedLength = RemainingLength.write(value, encoded, 0);
    }

    /**
     * Writes the value.
     *
     * @return the end offset
     */
    @Benchmark
    public int write() {
        return RemainingLength.write(value, scratch, 0);
    }

    /**
     * Reads the value back (value and byte count packed in a long).
     *
     * @return the decoded form
     * @throws MqttException never: the bytes are valid
     */
    @Benchmark
    public long decode() throws MqttException {
        return RemainingLength.decode(encoded, 0, encodedLength);
    }

    /**
     * The size the value needs.
     *
     * @return 1..4
     */
    @Benchmark
    public int size() {
        return RemainingLength.size(value);
    }
}
