package umqtt.mqtt5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import umqtt.api.Message;

/**
 * Request/response over MQTT 5 (MQTT 5.0, 4.10) on one {@link Mqtt5Client}, with no threads: the
 * requester publishes with a Response Topic and a Correlation Data unique to the request and waits
 * for the message on that topic carrying the same Correlation Data; the responder answers a request
 * it received with {@link #respond}.
 *
 * <pre>{@code
 * Requester requester = Requester.create(client, "replies/sensor-1", (m, p) -> handle(m));
 * client.connect();
 * Requester.Response r = requester.request("svc/time", "now?".getBytes(), 1, Duration.ofSeconds(5));
 *
 * // the responder's client answers every request it receives:
 * responder.setCallback(Requester.responder(responder, 1, m -> answer(m.payload())));
 * }</pre>
 *
 * <p><b>The callback.</b> The requester becomes the client's {@link Mqtt5Callback} when it is
 * created: it keeps the responses it waits for and passes every other message, unchanged, to the
 * callback it was given, also while a request waits. Set the client's callback through the
 * requester, never on the client afterwards (that would take the responses away from it). A
 * response that comes after its request timed out is passed on too, never dropped.
 *
 * <p><b>The response topic.</b> The one given, or, when the client asked for Response Information
 * ({@link Mqtt5Client.Builder#requestResponseInformation(boolean)}) and the server's CONNACK carried
 * one, that Response Information followed by {@code /} and the one given. The requester subscribes
 * to it before its first request, and again after a connect that found no session.
 *
 * <p>Like its client, a requester is used by one thread at a time.
 */
public final class Requester {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Mqtt5Client client;
    private final String topic;
    private final Mqtt5Callback others;
    /** Unique to this requester: the first 8 bytes of every Correlation Data it sends. */
    private final byte[] prefix = new byte[8];
    private long sequence;
    private Connack subscribedOn;
    private String responseTopic;
    private byte[] awaited;
    private Response response;

    private Requester(Mqtt5Client client, String topic, Mqtt5Callback others) {
        this.client = client;
        this.topic = topic;
        this.others = others;
        RANDOM.nextBytes(prefix);
    }

    /**
     * Creates a requester and makes it the client's callback.
     *
     * @param client the client, connected or not
     * @param responseTopic the topic responses come back on (a topic name; prefixed with the
     *     server's Response Information when there is one)
     * @param others receives every message that is not a response this requester waits for
     * @return the requester
     */
    public static Requester create(Mqtt5Client client, String responseTopic, Mqtt5Callback others) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(others, "others");
        // Checked now rather than at the first request: a topic name, not empty, no wildcards.
        PublishProperties.builder().responseTopic(Objects.requireNonNull(responseTopic, "responseTopic"));
        Requester requester = new Requester(client, responseTopic, others);
        client.setCallback(requester::onMessage);
        return requester;
    }

    /**
     * Publishes a request and waits for its response. Messages that arrive meanwhile reach the
     * other callback.
     *
     * @param requestTopic where to publish the request
     * @param payload the request
     * @param qos the QoS of the request, 0 to 2 (the response topic is subscribed with QoS 1)
     * @param timeout how long to wait for the response, from when the request was published
     * @return the response
     * @throws TimeoutException when no response came in time; the message names both topics and the timeout
     * @throws IOException when the client failed (a refused request is an {@link Mqtt5Exception})
     */
    public Response request(String requestTopic, byte[] payload, int qos, Duration timeout)
            throws IOException, TimeoutException {
        return request(requestTopic, payload, qos, PublishProperties.NONE, timeout);
    }

    /**
     * As {@link #request(String, byte[], int, Duration)}, with other properties for the request
     * (its Response Topic and Correlation Data are the requester's).
     *
     * @param properties content type, user properties and the like
     */
    public Response request(String requestTopic, byte[] payload, int qos, PublishProperties properties,
            Duration timeout) throws IOException, TimeoutException {
        Objects.requireNonNull(requestTopic, "requestTopic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(properties, "properties");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive but was " + timeout);
        }
        subscribeIfNeeded();
        byte[] correlation = nextCorrelation();
        awaited = correlation;
        response = null;
        try {
            client.publish(requestTopic, payload, false, qos,
                    properties.toBuilder().responseTopic(responseTopic).correlationData(correlation).build());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (response == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no response on '" + responseTopic + "' to the request published on '"
                            + requestTopic + "' within " + timeout.toMillis() + " ms: is a responder subscribed to '"
                            + requestTopic + "'? (a late response goes to the other callback)");
                }
                client.waitMsg(Duration.ofNanos(left));
            }
            return response;
        } finally {
            awaited = null;
            response = null;
        }
    }

    /** @return the response topic in use, or null before the first request */
    public String responseTopic() {
        return responseTopic;
    }

    /**
     * Answers a request: publishes to its Response Topic with its Correlation Data.
     *
     * @param client the responder's client
     * @param request the properties the request arrived with
     * @param payload the response
     * @param qos the QoS of the response
     * @return the reason code of the publish (see {@link Mqtt5Client#publish(String, byte[], boolean, int, PublishProperties)})
     * @throws IllegalArgumentException when the request carried no Response Topic
     * @throws IOException when the client failed
     */
    public static int respond(Mqtt5Client client, PublishProperties request, byte[] payload, int qos)
            throws IOException {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(payload, "payload");
        String to = Objects.requireNonNull(request, "request").responseTopic();
        if (to == null) {
            throw new IllegalArgumentException("the request carried no Response Topic, so there is nowhere to answer"
                    + " (the requester must set PublishProperties.responseTopic, as Requester does)");
        }
        PublishProperties.Builder answer = PublishProperties.builder();
        byte[] correlation = request.correlationData();
        if (correlation != null) {
            answer.correlationData(correlation);
        }
        return client.publish(to, payload, false, qos, answer.build());
    }

    /**
     * A callback that answers every message it receives with {@link #respond}, for a client that
     * only serves requests. Like any callback it runs inside the client's {@code waitMsg} (or
     * another call that reads), which therefore throws what answering throws: an
     * {@link IllegalArgumentException} for a request without a Response Topic, an
     * {@link java.io.UncheckedIOException} around the client's {@code IOException}.
     *
     * @param client the responder's client
     * @param qos the QoS of the responses
     * @param answer computes the response's payload from the request
     * @return the callback to set on the client
     */
    public static Mqtt5Callback responder(Mqtt5Client client, int qos, Function<Message, byte[]> answer) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(answer, "answer");
        return (message, properties) -> {
            try {
                respond(client, properties, answer.apply(message), qos);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private void subscribeIfNeeded() throws IOException {
        Connack connack = client.connack();
        if (connack == null) {
            throw new IllegalStateException("connect the client before the first request");
        }
        if (connack == subscribedOn || subscribedOn != null && connack.sessionPresent()) {
            subscribedOn = connack;
            return;
        }
        String info = connack.responseInformation();
        responseTopic = info == null || info.isEmpty() ? topic : info.endsWith("/") ? info + topic : info + "/" + topic;
        client.subscribe(Subscription.of(responseTopic, 1));
        subscribedOn = connack;
    }

    private byte[] nextCorrelation() {
        byte[] data = Arrays.copyOf(prefix, 16);
        long n = ++sequence;
        for (int i = 15; i >= 8; i--) {
            data[i] = (byte) n;
            n >>>= 8;
        }
        return data;
    }

    private void onMessage(Message message, PublishProperties properties) {
        if (awaited != null && response == null && Arrays.equals(awaited, properties.correlationData())
                && new String(message.topic(), StandardCharsets.UTF_8).equals(responseTopic)) {
            response = new Response(message, properties);
        } else {
            others.onMessage(message, properties);
        }
    }

    /**
     * A response.
     *
     * @param message its topic (the response topic), payload, QoS and flags
     * @param properties its properties, with the request's Correlation Data
     */
    public record Response(Message message, PublishProperties properties) {

        /** Checks both parts are present. */
        public Response {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(properties, "properties");
        }

        /** @return the response's payload */
        public byte[] payload() {
            return message.payload();
        }
    }
}
