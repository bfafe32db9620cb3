package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;
import umqtt.simple.codec.PacketBuffer;
import umqtt.tests.brokers.RawPacket;
import umqtt.tests.brokers.ScriptedServer;
import umqtt.tests.mqtt5.ServerCodec;

/**
 * {@code umqtt sub -V mqttv5}: a refused subscription names the reason code and the broker's Reason
 * String (MQTT 5.0, 3.9.2.1.2). A scripted server: Mosquitto sends no Reason String in a SUBACK, and
 * no broker refuses a plain subscription with one on request.
 */
class CliMqtt5RefusalTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aRefusedSubscriptionShowsTheReasonString() throws Exception {
        try (ScriptedServer server = ScriptedServer.start()) {
            CompletableFuture<Cli.Result> sub = Cli.start("sub", "-h", "127.0.0.1", "-p",
                    Integer.toString(server.uri().getPort()), "-V", "mqttv5", "-t", "secret/#");
            ScriptedServer.Connection conn = server.accept(WAIT);
            assertEquals(Packet.Connect.class, read(conn).getClass());
            send(conn, new Packet.Connack(false, 0, new Properties()));
            Packet.Subscribe subscribe = (Packet.Subscribe) read(conn);
            send(conn, new Packet.Acks(9, subscribe.id(), new Properties().set(Property.REASON_STRING,
                    "secret/# is for the admins"), new int[] {0x87}));
            Cli.Result r = sub.get(10, TimeUnit.SECONDS);
            assertEquals(2, r.status(), r.toString());
            assertTrue(r.err().contains("the broker refused the subscription to secret/#: reason 0x87 Not authorized "
                    + "(reason string: \"secret/# is for the admins\")"), r.err());
        }
    }

    private static Packet read(ScriptedServer.Connection conn) throws IOException {
        RawPacket raw = conn.read(WAIT);
        return ServerCodec.decode(raw.header(), raw.body(), 0, raw.body().length);
    }

    private static void send(ScriptedServer.Connection conn, Packet p) throws IOException {
        PacketBuffer out = new PacketBuffer(64);
        ServerCodec.encode(p, out);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        out.writeTo(b);
        conn.send(b.toByteArray());
    }
}
