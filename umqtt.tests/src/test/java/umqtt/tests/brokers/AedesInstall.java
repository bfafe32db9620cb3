package umqtt.tests.brokers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Installs the aedes broker (Node.js) for the tests into {@code target/aedes/}: copies the
 * committed {@code package.json}, {@code package-lock.json} (the pinned versions) and
 * {@code broker.mjs} from the test resources ({@code src/test/resources/aedes/}) and runs
 * {@code npm ci} once, again only when the lock file changes (about 5 s with the registry at hand).
 */
final class AedesInstall {

    /** The files copied from the test resources' {@code aedes/} folder. */
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "broker.mjs");
    private static final long NPM_TIMEOUT_SECONDS = 300;
    private static final String INSTALLED_LOCK = "node_modules/.umqtt-installed-lock.json";

    private AedesInstall() {
    }

    /** @return the {@code node} program, if installed (and aedes is not hidden) */
    static Optional<Path> node() {
        return Executables.find("node", Path.of("/usr/bin"), Path.of("/usr/local/bin"));
    }

    /** @return the {@code npm} program, if installed */
    static Optional<Path> npm() {
        return Executables.find("npm", Path.of("/usr/bin"), Path.of("/usr/local/bin"));
    }

    /**
     * Makes sure aedes is installed and returns its folder (holding {@code broker.mjs}).
     *
     * @param npm the npm program
     * @return the folder to run {@code node broker.mjs} in
     * @throws IllegalStateException when {@code npm ci} fails (with the tail of its log)
     */
    static synchronized Path into(Path npm) {
        Path folder = folder();
        try {
            Files.createDirectories(folder);
            for (String file : FILES) {
                try (InputStream in = resource(file)) {
                    Files.copy(in, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path installedLock = folder.resolve(INSTALLED_LOCK);
            byte[] lock = Files.readAllBytes(folder.resolve("package-lock.json"));
            if (Files.exists(installedLock) && Arrays.equals(lock, Files.readAllBytes(installedLock))) {
                return folder;
            }
            Path log = folder.resolve("npm.log");
            Process process = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund", "--loglevel=warn")
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(NPM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("npm ci did not finish within " + NPM_TIMEOUT_SECONDS + " s in "
                        + folder + "\n" + LogTail.of(log, 30));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed with exit code " + process.exitValue() + " in " + folder
                        + " (is the npm registry reachable?)\n" + LogTail.of(log, 30));
            }
            Files.write(installedLock, lock);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install aedes into " + folder, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while npm installed aedes", e);
        }
    }

    private static Path folder() {
        String target = System.getProperty("umqtt.tests.target", System.getProperty("java.io.tmpdir"));
        return Path.of(target, "aedes");
    }

    private static InputStream resource(String file) {
        InputStream in = AedesInstall.class.getResourceAsStream("/aedes/" + file);
        if (in == null) {
            throw new IllegalStateException("aedes/" + file + " is missing from the test resources");
        }
        return in;
    }
}
