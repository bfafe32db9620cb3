package umqtt.mqtt5;

/**
 * One outbound QoS 1/2 message from the moment it has a packet identifier until its exchange
 * ends: acknowledged, refused (a reason of 0x80 or above ends it too: it is never sent again), or
 * discarded with the session.
 */
final class Flight {
    final int packetId;
    /** What {@code send} returned for it; 0 for a blocking {@code publish}. */
    final long ticket;
    byte[] topic;
    byte[] payload;
    final int qos;
    final boolean retain;
    final PublishProperties properties;
    /** PUBREC received, PUBREL sent: only PUBCOMP is awaited. */
    boolean released;
    boolean written;
    boolean done;
    long writtenAt;
    /** The reason code of the final acknowledgement (PUBACK, PUBREC when refused, PUBCOMP). */
    int reason;
    /** Why it failed, or null. */
    Exception failure;

    Flight(int packetId, long ticket, byte[] topic, byte[] payload, int qos, boolean retain,
            PublishProperties properties) {
        this.packetId = packetId;
        this.ticket = ticket;
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.retain = retain;
        this.properties = properties;
    }

    /** Copies the caller's arrays, which it may reuse once its call has returned. */
    void ownArrays() {
        topic = topic.clone();
        payload = payload.clone();
    }

    /** @return the acknowledgement awaited next, for messages */
    String awaited() {
        return qos == 1 ? "PUBACK" : released ? "PUBCOMP" : "PUBREC";
    }
}
