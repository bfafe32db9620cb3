package umqtt.tests.mqtt5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Requester;
import umqtt.tests.brokers.RawPacket;
import umqtt.tests.brokers.ScriptedServer;

/**
 * The Requester builds its response topic on the server's Response Information (MQTT 5.0,
 * 3.2.2.3.15, 4.10.1) when the client requested it. Neither HiveMQ CE nor Mosquitto sends Response
 * Information, so a scripted server plays the broker here.
 */
class RequesterResponseInformationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void theResponseTopicIsPrefixedWithTheServersResponseInformation() throws Exception {
        try (ScriptedServer server = ScriptedServer.start();
                Mqtt5Client client = Mqtt5Client.builder().server(server.uri().toString()).clientId("requester")
                        .requestResponseInformation(true).responseTimeout(WAIT).build()) {
            Requester requester = Requester.create(client, "replies", (m, p) -> { });
            CompletableFuture<byte[]> script = CompletableFuture.supplyAsync(() -> {
                try (ScriptedServer.Connection c = server.accept(WAIT)) {
                    RawPacket connect = c.read(WAIT);
                    assertEquals(1, connect.type());
                    // CONNACK with Response Information (0x1A) "resp/abc"
                    c.send(packet(0x20, new byte[] {0, 0}, property(0x1A, str("resp/abc")), new byte[0]));
                    RawPacket subscribe = c.read(WAIT);
                    assertEquals(8, subscribe.type());
                    ByteBuffer s = ByteBuffer.wrap(subscribe.body());
                    short subscribeId = s.getShort();
                    skip(s, readVbi(s));
                    assertEquals("resp/abc/replies", readString(s));
                    c.send(new byte[] {(byte) 0x90, 4, (byte) (subscribeId >> 8), (byte) subscribeId, 0, 1});
                    RawPacket publish = c.read(WAIT);
                    assertEquals(3, publish.type());
                    ByteBuffer p = ByteBuffer.wrap(publish.body());
                    assertEquals("svc", readString(p));
                    short publishId = p.getShort();
                    int end = readVbi(p) + p.position();
                    String responseTopic = null;
                    byte[] correlation = null;
                    while (p.position() < end) {
                        int id = p.get();
                        if (id == 0x08) {
                            responseTopic = readString(p);
                        } else if (id == 0x09) {
                            correlation = new byte[p.getShort()];
                            p.get(correlation);
                        } else {
                            throw new AssertionError("unexpected property " + id + " in the request");
                        }
                    }
                    assertEquals("resp/abc/replies", responseTopic);
                    c.send(new byte[] {0x40, 2, (byte) (publishId >> 8), (byte) publishId});
                    c.send(packet(0x30, str("resp/abc/replies"), property(0x09, bin(correlation)),
                            "answer".getBytes(StandardCharsets.UTF_8)));
                    return correlation;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            client.connect();
            Requester.Response response = requester.request("svc", "question".getBytes(StandardCharsets.UTF_8), 1, WAIT);
            byte[] correlation = script.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("resp/abc/replies", requester.responseTopic());
            assertEquals("answer", new String(response.payload(), StandardCharsets.UTF_8));
            assertArrayEquals(correlation, response.properties().correlationData());
            assertTrue(correlation.length > 0);
        }
    }

    private static byte[] packet(int header, byte[] variable, byte[] properties, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(variable);
        body.writeBytes(vbi(properties.length));
        body.writeBytes(properties);
        body.writeBytes(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        out.writeBytes(vbi(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] property(int id, byte[] value) {
        byte[] p = new byte[value.length + 1];
        p[0] = (byte) id;
        System.arraycopy(value, 0, p, 1, value.length);
        return p;
    }

    private static byte[] str(String s) {
        return bin(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bin(byte[] b) {
        return ByteBuffer.allocate(2 + b.length).putShort((short) b.length).put(b).array();
    }

    private static byte[] vbi(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int digit = n % 128;
            n /= 128;
            out.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        return out.toByteArray();
    }

    private static int readVbi(ByteBuffer b) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            int digit = b.get() & 0xFF;
            value |= (digit & 0x7F) << shift;
            if ((digit & 0x80) == 0) {
                return value;
            }
        }
    }

    private static String readString(ByteBuffer b) {
        byte[] s = new byte[b.getShort() & 0xFFFF];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }
}
