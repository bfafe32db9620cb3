package umqtt.tests.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import umqtt.api.spi.TransportOptions;
import umqtt.simple.SimpleClient;

/** The virtual link keeps its promises: reads advance the clock exactly, and nothing hangs. */
class VirtualLinkTest {

    private final VirtualClock clock = new VirtualClock();
    private final VirtualLink link = new VirtualLink(clock, (c, p) -> { });

    private VirtualConnection open() throws IOException {
        return (VirtualConnection) link.open(URI.create(VirtualLink.SERVER), TransportOptions.defaults());
    }

    @Test
    void aReadAdvancesTheClockToTheNextPacketWithinItsTimeout() throws IOException {
        VirtualConnection c = open();
        c.send(250, WirePacket.pingresp());
        c.setReadTimeout(1_000);
        byte[] b = new byte[10];
        assertEquals(2, c.input().read(b, 0, 10));
        assertArrayEquals(new byte[] {(byte) 0xD0, 0}, java.util.Arrays.copyOf(b, 2));
        assertEquals(250, clock.millis());
        assertEquals(1, c.packetsRead());
        assertEquals("[      250 ms #1 S->C PINGRESP]", link.traffic().all().toString());
    }

    @Test
    void aReadWithNothingDueInTimeAdvancesByTheWholeTimeoutAndTimesOut() throws IOException {
        VirtualConnection c = open();
        c.send(1_500, WirePacket.pingresp());
        c.setReadTimeout(1_000);
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> c.input().read(new byte[4]));
        assertEquals(1_000, clock.millis(), e.getMessage());
        assertEquals(1, c.packetsUnread());
        assertEquals(2, c.input().read(new byte[4]), "the packet is still there");
        assertEquals(1_500, clock.millis());
    }

    @Test
    void aReadWithoutTimeoutAndNothingScheduledReportsAHangInsteadOfHanging() throws IOException {
        VirtualConnection c = open();
        clock.advanceMillis(42);
        BlockedForeverError e = assertThrows(BlockedForeverError.class, () -> c.input().read(new byte[4]));
        assertTrue(e.getMessage().startsWith("the client would block forever at t=42 ms"), e.getMessage());
    }

    @Test
    void eachReadReturnsOnePacketAtMost() throws IOException {
        VirtualConnection c = open();
        c.send(WirePacket.ack(WirePacket.PUBACK, 7));
        c.send(WirePacket.ack(WirePacket.PUBACK, 8));
        assertEquals(4, c.input().available());
        assertEquals(4, c.input().read(new byte[100]));
        assertEquals(4, c.input().read(new byte[100]));
        assertEquals(0, c.input().available());
        assertEquals(2, c.packetsRead());
    }

    @Test
    void aCutLinkFailsReadsAndWritesAtItsTimeAndPacketsBeforeItArrive() throws IOException {
        VirtualConnection c = open();
        c.send(10, WirePacket.pingresp());
        c.send(30, WirePacket.pingresp());
        c.cutAfter(20);
        c.setReadTimeout(0);
        assertEquals(2, c.input().read(new byte[4]));
        IOException e = assertThrows(IOException.class, () -> c.input().read(new byte[4]));
        assertEquals(20, clock.millis());
        assertTrue(e.getMessage().contains("cut at t=20 ms"), e.getMessage());
        assertThrows(IOException.class, () -> c.output().write(new byte[] {(byte) 0xC0, 0}));
        assertFalse(c.isOpen());
    }

    @Test
    void writesAreCutIntoPacketsAndHandedToTheServerAtTheirTime() throws IOException {
        List<WirePacket> seen = new java.util.ArrayList<>();
        VirtualLink l = new VirtualLink(clock, (c, p) -> seen.add(p));
        VirtualConnection c = (VirtualConnection) l.open(URI.create(VirtualLink.SERVER), TransportOptions.defaults());
        byte[] publish = WirePacket.publish("a/b", new byte[] {1, 2}, 1, true, false, 9).toBytes();
        c.output().write(publish, 0, 3);
        assertTrue(seen.isEmpty(), "not whole yet");
        clock.advanceMillis(5);
        c.output().write(publish, 3, publish.length - 3);
        assertEquals("[PUBLISH(q1 id=9 dup 'a/b' 2 B)]", seen.toString());
        assertEquals(5, l.traffic().toServer(WirePacket.PUBLISH).get(0).millis());
    }

    @Test
    void aClientConnectsPingsAndDisconnectsOverTheVirtualLink() throws IOException {
        VirtualLink l = new VirtualLink(clock, new ScriptedBroker().delay(WirePacket.PINGREQ, 5));
        try (SimpleClient client = l.client().keepAlive(Duration.ofSeconds(60)).build()) {
            assertFalse(client.connect());
            client.ping();
            clock.advanceMillis(100);
            client.checkMsg();
            client.disconnect();
        }
        assertEquals(List.of("CONNECT", "PINGREQ", "DISCONNECT"),
                l.traffic().toServer().stream().map(e -> e.packet().name()).toList(), l.traffic().toString());
        assertEquals(5, l.traffic().toClient(WirePacket.PINGRESP).get(0).millis(), l.traffic().toString());
    }

    @Test
    void aLinkWhoseClientStaysSilentExpiresLikeABrokersKeepalive() throws IOException {
        VirtualConnection c = open();
        c.expireAfterSilence(1_500);
        clock.advanceMillis(1_000);
        c.output().write(new byte[] {(byte) 0xC0, 0}); // PINGREQ: the silence starts again
        clock.advanceMillis(1_499);
        assertTrue(c.isOpen());
        clock.advanceMillis(1);
        assertFalse(c.isOpen());
        assertEquals(2_500, c.cutMillis());
        IOException e = assertThrows(IOException.class, () -> c.input().read(new byte[4]));
        assertTrue(e.getMessage().contains("keepalive expired"), e.getMessage());
        assertFalse(c.cutByServer(), "expired, not cut");
    }

    @Test
    void aDeadLinkDropsWhatWasScheduledAndTheWatchdogEndsAnEndlessWait() throws IOException {
        VirtualConnection c = open();
        c.send(100, WirePacket.pingresp());
        c.dropScheduled();
        assertEquals(0, c.packetsUnread());
        link.watchdog(10_000);
        c.setReadTimeout(3_000);
        for (int i = 0; i < 3; i++) {
            assertThrows(SocketTimeoutException.class, () -> c.input().read(new byte[4]));
        }
        BlockedForeverError e = assertThrows(BlockedForeverError.class, () -> c.input().read(new byte[4]));
        assertTrue(e.watchdog(), e.getMessage());
        assertEquals(9_000, clock.millis(), "the read that would pass the watchdog does not move the clock");
    }

    @Test
    void aWriteToAConnectionTheClientClosedIsCounted() throws IOException {
        VirtualConnection c = open();
        c.close();
        assertThrows(IOException.class, () -> c.output().write(new byte[] {(byte) 0xE0, 0}));
        assertEquals(1, link.writesAfterClose());
    }
}
