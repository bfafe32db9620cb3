package umqtt.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this process holds: live heap after GC, resident memory, kernel threads (Linux /proc). */
final class Footprint {
    private Footprint() {
    }

    static long retainedHeap() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50); // lets reference processing and finalizers run between collections
            best = Math.min(best, java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
                    .getUsed());
        }
        return best;
    }

    static long rssBytes() throws IOException {
        return status("VmRSS:") * 1024;
    }

    static long kernelThreads() throws IOException {
        return status("Threads:");
    }

    private static long status(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
