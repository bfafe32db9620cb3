package umqtt.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the standard streams are terminals. On Linux {@code /proc/self/fd/N} tells each stream
 * apart (a pipe into {@code umqtt pub -l} with stderr on a terminal still gets its progress
 * line); elsewhere {@link System#console()} answers for all of them together.
 */
final class Terminal {

    private Terminal() {
    }

    /** @return whether standard error is a terminal */
    static boolean stderr() {
        return isTerminal(2);
    }

    /** @return whether standard input is a terminal */
    static boolean stdin() {
        return isTerminal(0);
    }

    private static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return System.console() != null;
            }
        }
        return System.console() != null;
    }
}
