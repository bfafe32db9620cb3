package umqtt.examples.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The demo's temporary folder (the embedded broker's data and certificates), deleted when the JVM exits. */
final class TempFiles {

    private TempFiles() {
    }

    /**
     * @param prefix the start of the folder's name
     * @return a new empty folder, deleted with all it holds when the JVM exits
     * @throws IOException when the folder cannot be made
     */
    static Path folderDeletedOnExit(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder)));
        return folder;
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the system cleans it eventually
        }
    }
}
