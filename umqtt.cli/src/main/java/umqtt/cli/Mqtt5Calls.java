package umqtt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import umqtt.api.MqttClient;
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
 * and reason string in the error. Loaded only with {@code -V mqttv5} (see {@link Mqtt5Clients}).
 */
final class Mqtt5Calls implements ClientCalls {

    private final Mqtt5Client client;
    private final Mqtt5Options options;
    private final PublishProperties publish;

    Mqtt5Calls(Mqtt5Client client, Mqtt5Options options) {
        this.client = client;
        this.options = options;
        this.publish = Mqtt5Clients.publishProperties(options.of("PUBLISH"));
    }

    @Override
    public MqttClient client() {
        return client;
    }

    @Override
    public void setReceiver(Receiver receiver) {
        client.setCallback((Mqtt5Callback) (m, p) -> receiver.accept(m, properties(p)));
    }

    @Override
    public int subscribe(String filter, int qos) throws IOException {
        Subscription s = new Subscription(filter.getBytes(StandardCharsets.UTF_8), qos, options.noLocal,
                options.retainAsPublished, options.retainHandling);
        PacketProperties p = options.of("SUBSCRIBE");
        int id = p == null || p.subscriptionIdentifier == null ? 0 : p.subscriptionIdentifier;
        int code = client.subscribe(List.of(s), id, Mqtt5Clients.userProperties(p))[0];
        if (ReasonCode.isFailure(code)) {
            throw new MqttException(code, "the broker refused the subscription to " + filter + ": " + reason(code, null));
        }
        return code;
    }

    @Override
    public void unsubscribe(String filter) throws IOException {
        int code = client.unsubscribe(List.of(filter.getBytes(StandardCharsets.UTF_8)),
                Mqtt5Clients.userProperties(options.of("UNSUBSCRIBE")))[0];
        if (ReasonCode.isFailure(code)) {
            throw new MqttException(code, "the broker refused to unsubscribe " + filter + ": " + reason(code, null));
        }
    }

    @Override
    public long send(byte[] topic, byte[] payload, boolean retain, int qos) throws IOException {
        return client.send(topic, payload, retain, qos, publish);
    }

    @Override
    public void disconnect() throws IOException {
        PacketProperties p = options.of("DISCONNECT");
        if (p == null) {
            client.disconnect();
        } else {
            client.disconnect(ReasonCode.NORMAL_DISCONNECTION, p.sessionExpiry == null ? -1 : p.sessionExpiry,
                    p.reasonString, Mqtt5Clients.userProperties(p));
        }
    }

    @Override
    public IOException refused(String topic, Exception failure) {
        if (failure instanceof Mqtt5Exception e) {
            return new MqttException(e.code(), "the broker refused the message to " + topic + ": "
                    + reason(e.code(), e.reasonString()));
        }
        return failure instanceof IOException e ? e : new IOException("the message to " + topic + " failed: " + failure,
                failure);
    }

    /** @return e.g. {@code reason 0x87 Not authorized (reason string: "...")} */
    private static String reason(int code, String reasonString) {
        return String.format("reason 0x%02X %s", code, ReasonCode.name(code))
                + (reasonString == null ? "" : " (reason string: \"" + reasonString + "\")");
    }

    private static MessageProperties properties(PublishProperties p) {
        if (p == null || p.isEmpty()) {
            return MessageProperties.NONE;
        }
        List<String[]> user = new ArrayList<>(p.userProperties().size());
        for (UserProperty u : p.userProperties()) {
            user.add(new String[] {u.name(), u.value()});
        }
        return new MessageProperties(p.contentType(), p.correlationData(),
                p.messageExpiry() == PublishProperties.NO_EXPIRY ? -1 : p.messageExpiry(), p.utf8Payload() ? 1 : -1,
                p.responseTopic(), user, p.subscriptionIdentifiers());
    }
}
