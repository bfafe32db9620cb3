package umqtt.tests.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Makes a Mosquitto password file with {@code mosquitto_passwd -c -b FILE USER PASSWORD}. */
public final class MosquittoPasswd {

    private MosquittoPasswd() {
    }

    public static void create(Path file, String user, String password) {
        Path tool = Mosquitto.program("mosquitto_passwd");
        Path output = file.resolveSibling(file.getFileName() + ".out");
        try {
            Process process = new ProcessBuilder(tool.toString(), "-c", "-b", file.toString(), user, password)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("mosquitto_passwd did not finish within 10 s");
            }
            if (process.exitValue() != 0 || !Files.exists(file)) {
                throw new IllegalStateException("mosquitto_passwd failed with exit code " + process.exitValue()
                        + ": " + Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + tool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running mosquitto_passwd", e);
        }
    }
}
