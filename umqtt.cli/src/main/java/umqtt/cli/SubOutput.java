package umqtt.cli;

import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Consumer;
import umqtt.api.Message;

/**
 * What {@code umqtt sub} does with each message, in mosquitto_sub's order: {@code --retained-only}
 * ends at the first live message; {@code -T} drops matching topics (neither printed nor counted,
 * nor cleared); {@code --remove-retained} notes a retained message's topic for clearing (with
 * {@code -R} too, as mosquitto's manual says); {@code -R} drops retained messages; then the
 * message is printed ({@code -F}, or payload with {@code -v}/{@code -N}) and counted for {@code -C}.
 */
final class SubOutput {

    private final SubOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<String> debug;
    /** Topics of retained messages to clear: the command publishes them between waits, not in the callback. */
    final Queue<String> toClear = new ArrayDeque<>();
    private int printed;
    /** Whether the command should stop: enough messages, a live one after the retained, or output gone. */
    boolean done;

    SubOutput(SubOptions options, PrintStream out, PrintStream err, Consumer<String> debug) {
        this.options = options;
        this.out = out;
        this.err = err;
        this.debug = debug;
    }

    void accept(Message m) {
        accept(m, null);
    }

    /** Handles a message with its MQTT 5 properties (an {@code Mqtt5MessageProperties}; null for none, as in 3.1.1). */
    void accept(Message m, Object properties) {
        debug.accept("received " + m.payload().length + " bytes on " + m.topicString() + " (QoS " + m.qos()
                + (m.retained() ? ", retained" : "") + (m.dup() ? ", dup" : "") + ")");
        if (done) {
            return;
        }
        if (options.retainedOnly && !m.retained()) {
            done = true;
            return;
        }
        String topic = m.topicString();
        for (String filter : options.filterOuts) {
            if (TopicFilter.matches(filter, topic)) {
                return;
            }
        }
        if (options.removeRetained && m.retained() && m.payload().length > 0) {
            toClear.add(topic);
        }
        if (options.skipRetained && m.retained()) {
            return;
        }
        print(m, properties);
        if (out.checkError()) { // flushes; true when the reader went away (| head -1): stop, as SIGPIPE would
            done = true;
            return;
        }
        printed++;
        if (options.count > 0 && printed >= options.count) {
            done = true;
        }
    }

    private void print(Message m, Object properties) {
        if (options.format != null) { // -F overrides -v; -N still drops the newline
            byte[] line = options.format.format(m, properties, options.format.usesTime() ? ZonedDateTime.now() : null,
                    err::println);
            out.write(line, 0, line.length);
            if (options.newline) {
                out.write('\n');
            }
        } else if (m.payload().length == 0) {
            // As mosquitto_sub: an empty payload prints "topic (null)" with -v (unless -N), else nothing.
            if (options.verbose && options.newline) {
                out.write(m.topic(), 0, m.topic().length);
                out.print(" (null)\n");
            }
        } else {
            if (options.verbose) {
                out.write(m.topic(), 0, m.topic().length);
                out.write(' ');
            }
            out.write(m.payload(), 0, m.payload().length);
            if (options.newline) {
                out.write('\n');
            }
        }
    }
}
