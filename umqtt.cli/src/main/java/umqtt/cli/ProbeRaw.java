package umqtt.cli;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import umqtt.api.spi.Transport;
import umqtt.api.spi.Transports;

/**
 * A connection of {@code umqtt probe} that writes packets by hand, for what our client rightly
 * refuses to do (an empty client id with a kept session, a wildcard in a topic name), stays
 * silent where it would ping, or must show each packet of a QoS 2 exchange. Same transport,
 * TLS options and credentials as the other clients.
 */
final class ProbeRaw implements AutoCloseable {

    /** A packet read: its first byte (type and flags) and its body. */
    record Packet(int header, byte[] body) {
        int type() {
            return header >>> 4;
        }

        /** @return the packet id in the first two bytes of the body (PUBACK, PUBREC, PUBREL, SUBACK) */
        int id() {
            return (body[0] & 0xff) << 8 | body[1] & 0xff;
        }
    }

    private static final int MAX_BODY = 1 << 20;
    private final Transport transport;
    private final InputStream in;

    private ProbeRaw(Transport transport) {
        this.transport = transport;
        this.in = transport.input();
    }

    /** Opens the transport to the broker (no MQTT sent yet). */
    static ProbeRaw open(ProbeContext p) throws IOException {
        return new ProbeRaw(Transports.open(URI.create(p.connect.server()), p.connect.transportOptions(p.timeout)));
    }

    /** Sends CONNECT with the given id, session flag and keepalive, and the options' credentials. */
    void connect(ConnectOptions options, String clientId, boolean clean, int keepAlive) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(string("MQTT"));
        body.write(4);
        String user = options.user();
        byte[] password = options.password();
        body.write((clean ? 0x02 : 0) | (user != null ? 0x80 : 0) | (password != null ? 0x40 : 0));
        body.write(keepAlive >>> 8);
        body.write(keepAlive & 0xff);
        body.write(string(clientId));
        if (user != null) {
            body.write(string(user));
        }
        if (password != null) {
            body.write(password.length >>> 8);
            body.write(password.length & 0xff);
            body.write(password);
        }
        send(0x10, body.toByteArray());
    }

    /** Sends one packet: its first byte, the remaining length, the body. */
    void send(int header, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream(body.length + 5);
        packet.write(header);
        int length = body.length;
        do {
            int digit = length & 0x7f;
            length >>>= 7;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.write(body);
        packet.writeTo(transport.output());
        transport.output().flush();
    }

    /** Sends an acknowledgement (PUBACK, PUBREC, PUBREL, PUBCOMP) for {@code id}. */
    void ack(int header, int id) throws IOException {
        send(header, new byte[] {(byte) (id >>> 8), (byte) id});
    }

    /**
     * @return the next packet, or null when none came within the time
     * @throws EOFException when the broker closed the connection
     */
    Packet read(Duration within) throws IOException {
        transport.setReadTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, within.toMillis())));
        try {
            int header = in.read();
            if (header < 0) {
                throw new EOFException("the broker closed the connection");
            }
            int length = 0;
            for (int shift = 0; ; shift += 7) {
                int b = in.read();
                if (b < 0 || shift > 21) {
                    throw new EOFException("the broker closed the connection within a packet");
                }
                length |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (length > MAX_BODY) {
                throw new IOException("a packet of " + length + " bytes, more than the probe reads");
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new EOFException("the broker closed the connection within a packet");
            }
            return new Packet(header, body);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** @return a string as MQTT writes it: two bytes of length, then UTF-8 */
    static byte[] string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 2];
        out[0] = (byte) (utf8.length >>> 8);
        out[1] = (byte) utf8.length;
        System.arraycopy(utf8, 0, out, 2, utf8.length);
        return out;
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            // closing: nothing left to tell
        }
    }
}
