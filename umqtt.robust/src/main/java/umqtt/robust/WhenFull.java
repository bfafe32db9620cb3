package umqtt.robust;

/**
 * What {@link RobustClient#send} does with a message while the link is down and its offline
 * buffer is full ({@link RobustClient.Builder#whenFull}). While the buffer has room, a send never
 * waits, whatever the choice.
 */
public enum WhenFull {
    /**
     * Waits, backing off and reconnecting like a blocking operation, until the link is up; then
     * the buffer goes out and the message after it. Within the policy's attempts and deadline:
     * then the last failure is thrown and the message is not taken. The default.
     */
    BLOCK,
    /**
     * Drops the oldest buffered messages until the new one fits, and takes it; the
     * {@link umqtt.api.AckListener} hears of each dropped ticket with an {@link java.io.IOException}
     * saying so (QoS 0 ones too). A message larger than the whole buffer is refused as with FAIL.
     */
    DROP_OLDEST,
    /**
     * Throws an {@link java.io.IOException} saying the buffer is full (how full, and which server
     * is being reconnected to): the message is not taken and takes no ticket; send it again later.
     */
    FAIL
}
