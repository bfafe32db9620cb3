package umqtt.robust;

import java.io.IOException;
import java.util.List;
import umqtt.api.MqttClient;
import umqtt.api.MqttException;

/**
 * Brings a new link's broker session back to the subscriptions the user made: decides after each
 * connect whether they must be sent again (the broker had no session, or the link is to another
 * server than before), and sends them, step by step. The renewal is owed until every step was
 * answered on one link: a link failure starts it afresh on the next link, and an exception from
 * the callback (which the delegate may call while it waits for a SUBACK) leaves the remaining
 * steps, that one included, for the next operation, which completes them before it runs.
 */
final class Renewal {

    private final Subscriptions subscriptions = new Subscriptions();
    /** Owed until a renewal completes: subscribe again / also replay the unsubscriptions. */
    private boolean subscribe;
    private boolean unsubscribe;
    /** The steps of the renewal on the current link, or null when none is under way. */
    private List<Subscriptions.Entry> steps;
    private int done;
    private int sent;
    private boolean sessionPresent;

    Subscriptions subscriptions() {
        return subscriptions;
    }

    /** An explicit clean connect: the user starts afresh. */
    void forget() {
        subscriptions.clear();
        subscribe = false;
        unsubscribe = false;
        steps = null;
    }

    /**
     * A link is up: plans what it owes.
     *
     * @param otherServer whether it goes to another server than the previous link
     * @param present the broker's session-present flag
     */
    void linked(boolean otherServer, boolean present) {
        if (otherServer) {
            subscribe = true;
            unsubscribe = true;
        }
        if (!present) {
            subscribe = true;
        }
        sessionPresent = present;
        done = 0;
        sent = 0;
        if (subscribe && !subscriptions.isEmpty()) {
            // A stale session on another server may still hold filters the user dropped.
            steps = subscriptions.snapshot(unsubscribe && present);
        } else {
            steps = null;
            subscribe = false;
            unsubscribe = false;
        }
    }

    /** Whether the current link still owes renewal steps. */
    boolean pending() {
        return steps != null;
    }

    /**
     * Sends the steps not yet answered. A subscription the broker now refuses (SUBACK 0x80) is
     * forgotten and logged: the operation that triggered the reconnect must go on.
     *
     * @throws IOException when the link fails (the next link renews afresh)
     */
    void complete(MqttClient client, int index, RobustLog log) throws IOException {
        while (done < steps.size()) {
            Subscriptions.Entry e = steps.get(done);
            if (e.unsubscribed()) {
                client.unsubscribe(e.topic());
                sent++;
            } else {
                try {
                    client.subscribe(e.topic(), e.qos());
                    sent++;
                } catch (MqttException refused) {
                    if (Failure.of(refused) != Failure.FINAL) {
                        throw refused;
                    }
                    subscriptions.refused(e.topic(), e.qos());
                    log.renewalRefused(e.topic(), e.qos(), refused);
                }
            }
            done++;
        }
        steps = null;
        subscribe = false;
        unsubscribe = false;
        log.renewed(sent, index, sessionPresent);
    }
}
