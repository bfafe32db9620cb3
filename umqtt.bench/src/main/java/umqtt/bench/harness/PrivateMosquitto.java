package umqtt.bench.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Mosquitto of our own on a free loopback port, with a config written for the benchmark. */
final class PrivateMosquitto implements AutoCloseable {

    private final Process process;
    final int port;
    final Path folder;

    private PrivateMosquitto(Process process, int port, Path folder) {
        this.process = process;
        this.port = port;
        this.folder = folder;
    }

    /**
     * @param tcpNoDelay whether Mosquitto turns Nagle's algorithm off on its client sockets
     *     ({@code set_tcp_nodelay}; its default is on, which holds back a small packet while an earlier
     *     one is unacknowledged: through the WAN relay, PUBACKs wait for the relay's delayed ACKs)
     * @param cpu the CPU Mosquitto runs on ({@code taskset -c}), or null for any: with the harness
     *     itself on the other ({@code taskset -c 1 umqtt.bench/run harness --broker-cpu 0}), the
     *     broker's core is its own whatever the clients do (on 2 cores, 1,000 runnable client threads
     *     otherwise leave a single-threaded broker a thousandth of the CPU)
     */
    static PrivateMosquitto start(Path folder, boolean tcpNoDelay, String cpu) throws IOException, InterruptedException {
        String exe = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        Files.createDirectories(folder);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = folder.resolve("mosquitto.conf");
        // The QoS 0 subscriber must not lose messages to a queue limit while the publisher outruns it.
        Files.writeString(conf, String.join("\n",
                "persistence false",
                "user root",
                "log_dest file " + folder.resolve("mosquitto.log"),
                "log_type error",
                "log_type warning",
                "max_queued_messages 0",
                "max_queued_bytes 0",
                "max_connections -1",
                "set_tcp_nodelay " + tcpNoDelay,
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                ""));
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(exe, "-c", conf.toString()));
        if (cpu != null) {
            cmd.addAll(0, java.util.List.of("taskset", "-c", cpu));
        }
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(folder.resolve("mosquitto.out").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroy();
                    throw new IOException("mosquitto did not start on port " + port + ": see " + folder, e);
                }
                Thread.sleep(20);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        return new PrivateMosquitto(p, port, folder);
    }

    /** @return the broker's CPU time so far (user and system), in nanoseconds, from /proc */
    long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
