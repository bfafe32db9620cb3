package umqtt.bench.harness.contenders;

import java.time.Duration;
import umqtt.bench.harness.Client;
import umqtt.bench.harness.Contender;
import umqtt.robust.RobustClient;
import umqtt.simple.SimpleClient;

/** umqtt's {@link RobustClient} around one {@link SimpleClient}: what the reconnect layer costs. */
public final class UmqttRobust implements Contender {

    /** Creates the contender. */
    public UmqttRobust() {
    }

    @Override
    public Client create(String host, int port, String clientId) {
        SimpleClient c = SimpleClient.builder().clientId(clientId).server(ServerUri.of("mqtt://", host, port))
                .keepAlive(Duration.ofSeconds(60)).build();
        return new Umqtt.UmqttClient(RobustClient.wrap(c));
    }
}
