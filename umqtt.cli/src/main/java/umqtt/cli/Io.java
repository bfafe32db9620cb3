package umqtt.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Where a command reads and writes, and whether a person watches.
 *
 * @param out standard output: messages received, help
 * @param err standard error: errors, the progress line
 * @param in standard input: messages to publish with {@code -s} and {@code -l}
 * @param progress whether standard error is a terminal, so a live progress line may be drawn
 * @param typedInput whether standard input is a terminal (a person typing: no progress line for {@code -l})
 */
record Io(PrintStream out, PrintStream err, InputStream in, boolean progress, boolean typedInput) {

    Io {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(in, "in");
    }
}
