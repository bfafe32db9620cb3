package umqtt.robust;

import java.io.IOException;
import java.util.Arrays;
import umqtt.api.MqttClient;

/**
 * A publish that knows which delegates' sessions hold its message, and when to stop sending it.
 *
 * <p>A QoS 1/2 publish that failed stays in the delegate's session, and the next connect(false)
 * of that delegate completes it, so running it again there would send it twice; a clean connect
 * in between wipes that session, and then it must be published again.
 *
 * <p>It is not retried when sending it is what fails: a protocol error from the publish (a broker
 * answering a QoS 2 PUBLISH with PUBACK, say), or from a reconnect that re-sent it, is thrown at
 * once, and the delegate has dropped a message the broker answered wrongly from its session (the
 * session rule of {@link MqttClient}), so its session is kept; after the link broke
 * {@value #MAX_BREAKS} times while the message was out (closed or reset by the peer, as a broker
 * that rejects a message by disconnecting does), the last failure is thrown and the delegates
 * holding the message discard their session at their next connect, so that it is not sent again.
 */
final class PublishOperation implements Operation<Void> {

    /** How many times the link may break while one QoS 1/2 message is out before it is given up. */
    static final int MAX_BREAKS = 5;

    private final Servers servers;
    private final byte[] topic;
    private final byte[] msg;
    private final boolean retain;
    private final int qos;
    /** Per delegate, the wipe count when the message was left in its session; null until a failure. */
    private int[] heldSince;
    private int breaks;

    PublishOperation(Servers servers, byte[] topic, byte[] msg, boolean retain, int qos) {
        this.servers = servers;
        this.topic = topic;
        this.msg = msg;
        this.retain = retain;
        this.qos = qos;
    }

    @Override
    public Void run(MqttClient delegate, int index) throws IOException {
        if (holds(index)) {
            return null; // the reconnect to this server just completed it
        }
        try {
            delegate.publish(topic, msg, retain, qos);
        } catch (IOException e) {
            if (qos > 0) {
                if (heldSince == null) {
                    heldSince = new int[servers.count()];
                    Arrays.fill(heldSince, -1);
                }
                heldSince[index] = servers.wipes(index);
            }
            throw e;
        }
        return null;
    }

    @Override
    public String refuseRetry(IOException failure, Failure kind, int index, boolean connecting) {
        boolean sent = !connecting || holds(index);
        if (!sent) {
            return null;
        }
        if (kind == Failure.PROTOCOL) {
            return "a protocol error in answer to the message: it is not published again";
        }
        if (qos > 0 && Failure.closedByPeer(failure) && ++breaks >= MAX_BREAKS) {
            discardHeld();
            return "the link broke " + breaks + " times while the message was out (a broker that rejects a "
                    + "message may disconnect): it is not published again";
        }
        return null;
    }

    private boolean holds(int index) {
        return heldSince != null && heldSince[index] == servers.wipes(index);
    }

    private void discardHeld() {
        for (int i = 0; heldSince != null && i < heldSince.length; i++) {
            if (holds(i)) {
                servers.startCleanNext(i);
            }
        }
    }
}
