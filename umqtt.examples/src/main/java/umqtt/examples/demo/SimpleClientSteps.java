package umqtt.examples.demo;

import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import umqtt.api.MqttException;
import umqtt.examples.Broker;
import umqtt.examples.Led;
import umqtt.examples.Publish;
import umqtt.examples.PublishOnEvent;
import umqtt.examples.PublishTls;
import umqtt.examples.SubscribeWaitCheck;

/**
 * The steps that show the plain (not robust) examples over any transport: Publish, PublishOnEvent,
 * PublishTls with a password, SubscribeWaitCheck and the LED.
 */
final class SimpleClientSteps {

    private final Steps steps;

    /** @param steps the runner the steps are counted by */
    SimpleClientSteps(Steps steps) {
        this.steps = steps;
    }

    /** Publish, checked by a subscriber on the same broker. */
    void publish(Broker b) {
        steps.run("Publish over " + transport(b), () -> {
            try (Watcher w = new Watcher(b, "foo_topic")) {
                Publish.run(b);
                steps.check(w.await(1).equals(List.of("hello")), "a subscriber received 'hello' on foo_topic");
            }
        });
    }

    /** PublishOnEvent with three button presses read from a text. */
    void publishOnEvent(Broker tcp) {
        steps.run("PublishOnEvent over TCP: three button presses (lines on stdin)", () -> {
            try (Watcher w = new Watcher(tcp, "button")) {
                PublishOnEvent.run(tcp, new StringReader("\n\n\n"));
                steps.check(w.await(3).equals(List.of("pressed 1", "pressed 2", "pressed 3")), "three presses arrived");
            }
        });
    }

    /** PublishTls with the demo user's password, then with a wrong one; {@code watchAt} is the same broker. */
    void publishTls(Broker watchAt, Broker tls) {
        steps.run("PublishTls: over TLS with a user name and password", () -> {
            try (Watcher w = new Watcher(watchAt, "foo_topic")) {
                PublishTls.run(tls.uri(), tls.caFile(), DemoAuthenticator.USER, DemoAuthenticator.PASSWORD);
                steps.check(w.await(1).equals(List.of("hello over TLS")), "the broker took the password; the message arrived");
            }
            try {
                PublishTls.run(tls.uri(), tls.caFile(), DemoAuthenticator.USER, "a wrong password");
                steps.check(false, "a wrong password is refused");
            } catch (MqttException e) {
                steps.check(e.code() == MqttException.BAD_USER_NAME_OR_PASSWORD,
                        "a wrong password is refused: " + e.getMessage());
            }
        });
    }

    /** SubscribeWaitCheck, fed four messages. */
    void subscribeWaitCheck(Broker b) {
        steps.run("SubscribeWaitCheck over " + transport(b) + ": two messages by waitMsg, two by checkMsg", () -> {
            try (ExampleRun<Void> run = ExampleRun.start(b, "foo_topic", ready -> SubscribeWaitCheck.run(b, 4, ready))) {
                for (int i = 1; i <= 4; i++) {
                    run.watcher().publish("foo_topic", "message " + i);
                }
                run.result();
            }
            steps.check(true, "all four handled");
        });
    }

    /**
     * The LED at {@code led}, sent {@code commands} (which must leave it lit) through {@code watchAt}.
     *
     * @param where how the title names the LED's broker
     */
    void led(String where, Broker led, Broker watchAt, List<String> commands) {
        steps.run("Led " + where + ": " + String.join(", ", commands), () -> {
            try (ExampleRun<Boolean> run = ExampleRun.startReturning(watchAt, "led",
                    ready -> Led.run(led, commands.size(), ready))) {
                for (String command : commands) {
                    run.watcher().publish("led", command);
                }
                steps.check(run.result(), "the LED ends lit");
            }
        });
    }

    private static String transport(Broker b) {
        String s = b.uri().substring(0, b.uri().indexOf(':')).toLowerCase(Locale.ROOT);
        return switch (s) {
            case "mqtt", "tcp" -> "TCP";
            case "mqtts", "ssl", "tls" -> "TLS";
            case "ws" -> "WebSocket";
            case "wss" -> "WebSocket over TLS";
            default -> s;
        };
    }
}
