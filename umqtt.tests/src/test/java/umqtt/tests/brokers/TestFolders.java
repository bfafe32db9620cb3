package umqtt.tests.brokers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where fixtures write their files: a fresh folder under the module's {@code target/}. */
public final class TestFolders {

    private TestFolders() {
    }

    /**
     * Creates a new, empty folder whose name starts with {@code prefix}, under the folder named by
     * the system property {@code umqtt.tests.target} (set by Surefire) or else {@code java.io.tmpdir}.
     *
     * @param prefix the start of the folder's name
     * @return the new folder
     */
    public static Path create(String prefix) {
        String target = System.getProperty("umqtt.tests.target", System.getProperty("java.io.tmpdir"));
        try {
            Path root = Files.createDirectories(Path.of(target, "fixtures"));
            return Files.createTempDirectory(root, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a test folder under " + target, e);
        }
    }
}
