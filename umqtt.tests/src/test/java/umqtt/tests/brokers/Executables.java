package umqtt.tests.brokers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds installed programs (mosquitto, mosquitto_pub ...) on the PATH and in extra folders. */
public final class Executables {

    private Executables() {
    }

    /**
     * @param name a program name, e.g. {@code "mosquitto_pub"}
     * @param extraFolders folders to look in after the PATH (e.g. {@code /usr/sbin})
     * @return the program's path when an executable file of that name exists (and belongs to no
     *     broker hidden by {@code UMQTT_HIDE_BROKERS}, see {@link HiddenBrokers})
     */
    public static Optional<Path> find(String name, Path... extraFolders) {
        if (HiddenBrokers.hidesProgram(name)) {
            return Optional.empty();
        }
        List<Path> folders = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    folders.add(Path.of(entry));
                }
            }
        }
        folders.addAll(List.of(extraFolders));
        return folders.stream()
                .map(folder -> folder.resolve(name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
