package umqtt.tests.shared;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import umqtt.api.spi.TcpTransportProvider;
import umqtt.api.spi.Transport;
import umqtt.api.spi.TransportOptions;
import umqtt.api.spi.TransportProvider;
import umqtt.tests.spi.WrappedTransport;
import umqtt.tests.virtual.WireFramer;
import umqtt.tests.virtual.WirePacket;

/**
 * A TCP transport that frames every byte the client writes and reads into packets and checks the
 * stream: whole packets only, and no QoS 1/2 packet id used again while its message is in flight
 * (from the PUBLISH until PUBACK or PUBCOMP came back). What it finds wrong is kept in
 * {@link #violations()}; {@link #maxInFlight()} is the most messages it saw in flight at once.
 */
final class PacketTap implements TransportProvider {

    private final Object lock = new Object();
    private final Set<Integer> inFlight = new HashSet<>();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private int maxInFlight;

    @Override
    public Set<String> schemes() {
        return Set.of("mqtt", "tcp");
    }

    @Override
    public int defaultPort(String scheme) {
        return 1883;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    int maxInFlight() {
        synchronized (lock) {
            return maxInFlight;
        }
    }

    @Override
    public Transport open(URI uri, TransportOptions options) throws IOException {
        Transport tcp = new TcpTransportProvider().open(uri, options);
        WireFramer sent = new WireFramer();
        WireFramer received = new WireFramer();
        OutputStream out = new FilterOutputStream(tcp.output()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                check(sent, b, off, len, true);
                out.write(b, off, len);
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }
        };
        InputStream in = new FilterInputStream(tcp.input()) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    check(received, b, off, n, false);
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c >= 0) {
                    check(received, new byte[] {(byte) c}, 0, 1, false);
                }
                return c;
            }
        };
        return new WrappedTransport(tcp, in, out);
    }

    private void check(WireFramer framer, byte[] b, int off, int len, boolean outbound) {
        synchronized (lock) {
            List<WirePacket> packets;
            try {
                packets = framer.feed(b, off, len);
            } catch (AssertionError e) {
                violations.add((outbound ? "written: " : "read: ") + e.getMessage());
                return;
            }
            for (WirePacket p : packets) {
                if (outbound) {
                    sent(p);
                } else if (p.type() == WirePacket.PUBACK || p.type() == WirePacket.PUBCOMP) {
                    inFlight.remove(p.packetId());
                }
            }
        }
    }

    private void sent(WirePacket p) {
        int type = p.type();
        if (type < WirePacket.CONNECT || type > WirePacket.DISCONNECT) {
            violations.add("written: a packet of type " + type + ", no MQTT packet: the stream is corrupt");
        } else if (type == WirePacket.PUBLISH && p.qos() > 0 && !p.dup()) {
            if (!inFlight.add(p.packetId())) {
                violations.add("packet id " + p.packetId() + " used again while its message is in flight");
            }
            maxInFlight = Math.max(maxInFlight, inFlight.size());
        }
    }
}
