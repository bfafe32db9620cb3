package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.simple.codec.PacketBuffer;
import umqtt.tests.brokers.RawPacket;
import umqtt.tests.brokers.ScriptedServer;

/**
 * A scripted MQTT 5 server for what no broker does on request: the test plays the server with the
 * client's own codec (decoding what the client sent, encoding the answers) while the client
 * blocks on another thread.
 */
final class Script5 {

    static final Duration WAIT = Duration.ofSeconds(5);

    final ScriptedServer.Connection conn;

    private Script5(ScriptedServer.Connection conn) {
        this.conn = conn;
    }

    static Mqtt5Client.Builder client(ScriptedServer server) {
        return Mqtt5Client.builder().server(server.uri().toString()).clientId(Mqtt5Clients.unique("scripted"))
                .responseTimeout(WAIT);
    }

    /** Accepts the client, reads its CONNECT and answers {@code connack}. */
    static Script5 accept(ScriptedServer server, Packet.Connack connack) throws Exception {
        Script5 s = new Script5(server.accept(WAIT));
        s.expect(Packet.Connect.class);
        s.send(connack);
        return s;
    }

    /** Accepts the client's connection; the test reads its CONNECT. */
    static Script5 acceptOnly(ScriptedServer server) throws Exception {
        return new Script5(server.accept(WAIT));
    }

    /** Connects {@code client} (clean start) to the scripted server, which accepts with these CONNACK properties. */
    static Script5 connect(ScriptedServer server, Mqtt5Client client, Properties connack) throws Throwable {
        CompletableFuture<Boolean> connected = async(() -> client.connect(true));
        Script5 s = accept(server, new Packet.Connack(false, 0, connack));
        result(connected);
        return s;
    }

    Packet read() throws IOException {
        RawPacket raw = conn.read(WAIT);
        return ServerCodec.decode(raw.header(), raw.body(), 0, raw.body().length);
    }

    <T extends Packet> T expect(Class<T> type) throws IOException {
        Packet p = read();
        assertEquals(type, p.getClass(), "the client sent " + p);
        return type.cast(p);
    }

    void send(Packet p) throws IOException {
        PacketBuffer out = new PacketBuffer(64);
        ServerCodec.encode(p, out);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        out.writeTo(b);
        conn.send(b.toByteArray());
    }

    static <T> CompletableFuture<T> async(Callable<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "client-call");
        t.setDaemon(true);
        t.start();
        return f;
    }

    static <T> T result(CompletableFuture<T> f) throws Throwable {
        try {
            return f.get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }
}
