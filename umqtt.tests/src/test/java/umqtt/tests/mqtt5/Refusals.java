package umqtt.tests.mqtt5;

import java.net.URI;
import java.util.stream.Stream;
import umqtt.mqtt5.Mqtt5Client;
import umqtt.tests.brokers.Broker.Listener;
import umqtt.tests.brokers.Brokers;
import umqtt.tests.brokers.DeniedTopics;

/**
 * A broker that refuses a client the topics under {@code denied/}: HiveMQ through its test
 * authorizer ({@link DeniedTopics}, for client ids {@code denied-...}), Mosquitto through an ACL
 * file that allows {@code ok/#} only. Tests name topics under {@code denied/} and {@code ok/}.
 */
interface Refusals extends AutoCloseable {

    /** @return a builder for a client the broker refuses {@code denied/...} */
    Mqtt5Client.Builder client();

    /** @return the broker's name */
    String name();

    @Override
    void close();

    /** @return HiveMQ and a Mosquitto with an ACL, each started on first use */
    static Stream<Refusals> all() {
        return Stream.of(hivemq(), mosquitto());
    }

    private static Refusals hivemq() {
        return new Refusals() {
            @Override
            public Mqtt5Client.Builder client() {
                return Mqtt5Brokers.client(Brokers.hivemq().uri(Listener.TCP), DeniedTopics.CLIENT_PREFIX + "client");
            }

            @Override
            public String name() {
                return "hivemq";
            }

            @Override
            public void close() {
                // shared
            }

            @Override
            public String toString() {
                return name();
            }
        };
    }

    private static Refusals mosquitto() {
        return new Refusals() {
            private ConfiguredMosquitto broker;

            @Override
            public Mqtt5Client.Builder client() {
                if (broker == null) {
                    broker = ConfiguredMosquitto.withPasswordAndAcl("ok/#");
                }
                URI uri = broker.uri();
                return Mqtt5Brokers.client(uri, "acl").user(ConfiguredMosquitto.USER)
                        .password(ConfiguredMosquitto.PASSWORD);
            }

            @Override
            public String name() {
                return "mosquitto";
            }

            @Override
            public void close() {
                if (broker != null) {
                    broker.close();
                }
            }

            @Override
            public String toString() {
                return name();
            }
        };
    }
}
