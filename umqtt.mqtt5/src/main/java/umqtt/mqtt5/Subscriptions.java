package umqtt.mqtt5;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import umqtt.mqtt5.codec.Faults;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.PacketTypes;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;

/**
 * SUBSCRIBE and UNSUBSCRIBE with their options and properties, checked against what the server
 * said it supports (wildcards, shared subscriptions, subscription identifiers) before they are
 * sent, and their per-filter reason codes; the requests awaiting their SUBACK or UNSUBACK, by
 * packet identifier.
 */
final class Subscriptions {

    static final int MAX_SUBSCRIPTION_ID = 268_435_455;

    /** One request; {@code answer} is set when its acknowledgement arrives. */
    static final class Pending {
        final int id;
        final int answerType;
        Packet.Acks answer;

        Pending(int id, int answerType) {
            this.id = id;
            this.answerType = answerType;
        }
    }

    private final Engine engine;
    private final List<Pending> pending = new ArrayList<>();
    private Packet.Acks lastAnswer;

    Subscriptions(Engine engine) {
        this.engine = engine;
    }

    int[] subscribe(List<Subscription> subs, int subscriptionId, List<UserProperty> users) throws IOException {
        Objects.requireNonNull(subs, "subscriptions");
        if (subs.isEmpty()) {
            throw new IllegalArgumentException("subscribe needs at least one subscription (MQTT-3.8.3-2)");
        }
        checkIdentifier(subscriptionId);
        byte[][] filters = new byte[subs.size()][];
        int[] options = new int[subs.size()];
        boolean wild = false;
        boolean shared = false;
        for (int i = 0; i < filters.length; i++) {
            Subscription s = subs.get(i);
            filters[i] = s.filter().clone();
            wild |= TopicNames.checkFilter(filters[i]);
            boolean isShared = TopicNames.checkShared(filters[i]);
            if (isShared && s.noLocal()) {
                throw new IllegalArgumentException("No Local on the shared subscription '" + s.filterString()
                        + "' is a protocol error (MQTT-3.8.3-4): leave it off");
            }
            shared |= isShared;
            options[i] = s.qos() | (s.noLocal() ? 4 : 0) | (s.retainAsPublished() ? 8 : 0) | s.retainHandling() << 4;
        }
        Properties p = new Properties().addUsers(users);
        if (subscriptionId > 0) {
            p.set(Property.SUBSCRIPTION_IDENTIFIER, subscriptionId);
        }
        engine.enter();
        try {
            Link c = engine.connected();
            Connack limits = engine.connack();
            unsupported(wild && !limits.wildcardSubscriptionAvailable(), "wildcard subscriptions", "0x28");
            unsupported(shared && !limits.sharedSubscriptionAvailable(), "shared subscriptions", "0x2A");
            unsupported(subscriptionId > 0 && !limits.subscriptionIdentifiersAvailable(), "subscription identifiers",
                    "0x29");
            if (!engine.inbox.hasCallback()) {
                throw new IllegalStateException("subscribe needs a callback to deliver to: call setCallback(...) first");
            }
            Pending r = add(9);
            return request(c, r, new Packet.Subscribe(r.id, p, filters, options), filters.length, "MQTT-3.9.3-1");
        } finally {
            engine.exit();
        }
    }

    /** @return the last SUBACK or UNSUBACK, for the Reason String of a refusal */
    Packet.Acks lastAnswer() {
        return lastAnswer;
    }

    int[] unsubscribe(List<byte[]> filtersIn, List<UserProperty> users) throws IOException {
        Objects.requireNonNull(filtersIn, "filters");
        if (filtersIn.isEmpty()) {
            throw new IllegalArgumentException("unsubscribe needs at least one filter (MQTT-3.10.3-2)");
        }
        byte[][] filters = new byte[filtersIn.size()][];
        for (int i = 0; i < filters.length; i++) {
            filters[i] = filtersIn.get(i).clone();
            TopicNames.checkFilter(filters[i]);
        }
        Properties p = new Properties().addUsers(users);
        engine.enter();
        try {
            Link c = engine.connected();
            Pending r = add(11);
            return request(c, r, new Packet.Unsubscribe(r.id, p, filters), filters.length, "MQTT-3.11.3-1");
        } finally {
            engine.exit();
        }
    }

    /** @return the reason codes of the answer, one per filter */
    private int[] request(Link c, Pending r, Packet request, int filters, String rule) throws IOException {
        try {
            c.send(request);
        } catch (IOException | RuntimeException e) {
            remove(r); // not sent (over the server's Maximum Packet Size, or the link failed)
            if (e instanceof IOException) {
                engine.dropLink(c);
            }
            throw e;
        }
        long sent = c.lastSent();
        try {
            while (r.answer == null) {
                engine.awaitStep(sent, PacketTypes.name(r.answerType), Link.NO_DEADLINE);
            }
        } catch (IOException e) {
            engine.dropLink(c);
            throw e;
        } // a callback's exception leaves the request pending: its answer is consumed when it comes
        int[] codes = r.answer.reasonCodes();
        if (codes.length != filters) {
            throw Faults.protocol("the server answered " + filters + " filters with " + codes.length + " reason codes ("
                    + rule + ")");
        }
        lastAnswer = r.answer;
        return codes;
    }

    private Pending add(int answerType) {
        Pending p = new Pending(engine.session.takeRequestId(), answerType);
        pending.add(p);
        return p;
    }

    /** @return false when no request awaits this answer */
    boolean complete(Packet.Acks answer) {
        for (Pending p : pending) {
            if (p.id == answer.id() && p.answerType == answer.type()) {
                p.answer = answer;
                remove(p);
                return true;
            }
        }
        return false;
    }

    private void remove(Pending p) {
        if (pending.remove(p)) {
            engine.session.releaseRequestId(p.id);
        }
    }

    /** The link dropped: no answer will come. */
    void clear() {
        pending.clear();
        engine.session.clearRequestIds();
    }

    static void checkIdentifier(int id) {
        if (id < 0 || id > MAX_SUBSCRIPTION_ID) {
            throw new IllegalArgumentException("a subscription identifier is 1 to 268435455 (0 for none) but was " + id);
        }
    }

    private static void unsupported(boolean refused, String what, String property) {
        if (refused) {
            throw new IllegalArgumentException("the server does not support " + what + " (CONNACK property " + property
                    + " is 0): it was not sent");
        }
    }
}
