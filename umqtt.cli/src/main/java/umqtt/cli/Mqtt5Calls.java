package umqtt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import umqtt.api.Message;
import umqtt.api.MqttException;
import umqtt.mqtt5.Mqtt5Callback;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.mqtt5.Mqtt5Exception;
import umqtt.mqtt5.PublishProperties;
import umqtt.mqtt5.ReasonCode;
import umqtt.mqtt5.Subscription;
import umqtt.mqtt5.UserProperty;

/**
 * pub's and sub's calls over an {@link Mqtt5Client}: PUBLISH, SUBSCRIBE, UNSUBSCRIBE and DISCONNECT
 * with their {@code -D} properties, subscriptions with {@code --nl}, {@code --rap} and
 * {@code --retain-handling}, received messages with their properties, and a refusal's reason code
 * and reason string in the error (a message the broker refused: at the next send, or before
 * disconnecting). Loaded only with {@code -V mqttv5} (see {@link Mqtt5Clients}).
 */
final class Mqtt5Calls extends ClientCalls {

    /** {@link #client}, as what it is. */
    private final Mqtt5Client mqtt5;
    private final Mqtt5Options options;
    private final PublishProperties publish;
    /** The first message the broker refused, as the acknowledgement listener heard it; null when none. */
    private Exception refused;
    /** The topic of the last message sent, for the refusal's message. */
    private byte[] lastTopic;

    Mqtt5Calls(Mqtt5Client client, Mqtt5Options options) {
        super(client);
        this.mqtt5 = client;
        this.options = options;
        this.publish = Mqtt5Clients.publishProperties(options.of("PUBLISH"));
    }

    @Override
    void setReceiver(BiConsumer<Message, Object> receiver) {
        mqtt5.setCallback((Mqtt5Callback) (m, p) -> receiver.accept(m, properties(p)));
    }

    @Override
    int subscribe(String filter, int qos) throws IOException {
        Subscription s = new Subscription(filter.getBytes(StandardCharsets.UTF_8), qos, options.noLocal,
                options.retainAsPublished, options.retainHandling);
        Mqtt5PacketProperties p = options.of("SUBSCRIBE");
        if (p == null) { // one filter, no properties: the single form, whose refusal carries the broker's Reason String
            try {
                return mqtt5.subscribe(s);
            } catch (Mqtt5Exception e) {
                throw new MqttException(e.code(), "the broker refused the subscription to " + filter + ": "
                        + reason(e.code(), e.reasonString()));
            }
        }
        int id = p.subscriptionIdentifier == null ? 0 : p.subscriptionIdentifier;
        int code = mqtt5.subscribe(List.of(s), id, Mqtt5Clients.userProperties(p))[0];
        if (ReasonCode.isFailure(code)) {
            throw new MqttException(code, "the broker refused the subscription to " + filter + ": " + reason(code, null));
        }
        return code;
    }

    @Override
    void unsubscribe(String filter) throws IOException {
        int code = mqtt5.unsubscribe(List.of(filter.getBytes(StandardCharsets.UTF_8)),
                Mqtt5Clients.userProperties(options.of("UNSUBSCRIBE")))[0];
        if (ReasonCode.isFailure(code)) {
            throw new MqttException(code, "the broker refused to unsubscribe " + filter + ": " + reason(code, null));
        }
    }

    @Override
    long send(byte[] topic, byte[] payload, boolean retain, int qos) throws IOException {
        if (lastTopic == null) { // pub's messages only: sub's --remove-retained sends through the client itself
            mqtt5.setAckListener((ticket, failure) -> {
                if (failure != null && refused == null) {
                    refused = failure;
                }
            });
        }
        lastTopic = topic;
        long ticket = mqtt5.send(topic, payload, retain, qos, publish);
        throwRefused();
        return ticket;
    }

    @Override
    void disconnect() throws IOException {
        throwRefused(); // what the flush before brought
        Mqtt5PacketProperties p = options.of("DISCONNECT");
        if (p == null) {
            mqtt5.disconnect();
        } else {
            mqtt5.disconnect(ReasonCode.NORMAL_DISCONNECTION, p.sessionExpiry == null ? -1 : p.sessionExpiry,
                    p.reasonString, Mqtt5Clients.userProperties(p));
        }
    }

    /** Throws the first refusal the acknowledgement listener heard of: reason code and reason string. */
    private void throwRefused() throws IOException {
        Exception failure = refused;
        if (failure == null) {
            return;
        }
        String topic = new String(lastTopic, StandardCharsets.UTF_8);
        if (failure instanceof Mqtt5Exception e) {
            throw new MqttException(e.code(), "the broker refused the message to " + topic + ": "
                    + reason(e.code(), e.reasonString()));
        }
        throw failure instanceof IOException e ? e : new IOException("the message to " + topic + " failed: " + failure,
                failure);
    }

    /** @return e.g. {@code reason 0x87 Not authorized (reason string: "...")} */
    private static String reason(int code, String reasonString) {
        return String.format("reason 0x%02X %s", code, ReasonCode.name(code))
                + (reasonString == null ? "" : " (reason string: \"" + reasonString + "\")");
    }

    /** @return the message's properties as plain values, or null when it has none (as a 3.1.1 message) */
    private static Mqtt5MessageProperties properties(PublishProperties p) {
        if (p == null || p.isEmpty()) {
            return null;
        }
        List<String[]> user = new ArrayList<>(p.userProperties().size());
        for (UserProperty u : p.userProperties()) {
            user.add(new String[] {u.name(), u.value()});
        }
        return new Mqtt5MessageProperties(p.contentType(), p.correlationData(),
                p.messageExpiry() == PublishProperties.NO_EXPIRY ? -1 : p.messageExpiry(), p.utf8Payload() ? 1 : -1,
                p.responseTopic(), user, p.subscriptionIdentifiers());
    }
}
