package umqtt.tests.virtual;

/**
 * The server side of a {@link VirtualLink}: told of every packet the client writes, at the virtual
 * time it is written, and answering through {@link VirtualConnection#send(long, WirePacket)}.
 */
@FunctionalInterface
public interface ServerHandler {

    /**
     * Handles one packet from the client. Runs inside the client's write, on the client's thread:
     * it must not block, only schedule.
     *
     * @param link the connection it came over
     * @param packet the packet
     */
    void onPacket(VirtualConnection link, WirePacket packet);
}
