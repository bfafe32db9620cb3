package umqtt.transport.tls.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The CA files of a folder ({@code TlsOptions.trustPemDirectory}, the CLI's {@code --capath}):
 * every {@code *.pem} and {@code *.crt} file in it (not in sub-folders), in name order. Unlike
 * OpenSSL's capath no hash links are needed, so a folder of plainly named CA files works.
 */
final class CaDirectory {

    private static final String ROLE = "the CA folder (TlsOptions.trustPemDirectory)";

    private CaDirectory() {
    }

    /**
     * @param folder the folder
     * @return its CA files, at least one
     * @throws IOException when the folder cannot be read or holds no {@code *.pem} or {@code *.crt} file
     */
    static List<Path> files(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if ((name.endsWith(".pem") || name.endsWith(".crt")) && Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException(ROLE + " " + folder + " does not exist", e);
        } catch (NotDirectoryException e) {
            throw new IOException(ROLE + " " + folder + " is not a folder: give a CA file with TlsOptions.trustPem "
                    + "(--cafile) instead", e);
        } catch (AccessDeniedException e) {
            throw new IOException(ROLE + " " + folder + " cannot be read: permission denied", e);
        }
        if (files.isEmpty()) {
            throw new IOException(ROLE + " " + folder + " holds no CA file: expected *.pem or *.crt files "
                    + "with '-----BEGIN CERTIFICATE-----' blocks");
        }
        files.sort(null);
        return files;
    }

    /** @return what a file of the folder is for, in messages */
    static String role(Path folder) {
        return "a CA file of the folder " + folder + " (TlsOptions.trustPemDirectory):";
    }
}
