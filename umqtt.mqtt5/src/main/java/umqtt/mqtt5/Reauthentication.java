package umqtt.mqtt5;

import java.io.IOException;
import umqtt.api.MqttException;
import umqtt.mqtt5.codec.Faults;
import umqtt.mqtt5.codec.Packet;
import umqtt.mqtt5.codec.Properties;
import umqtt.mqtt5.codec.Property;

/**
 * The AUTH exchanges (MQTT 5.0, 4.12) with the builder's {@link Authenticator}: the one before
 * CONNACK and a re-authentication on a live link. A failing authenticator ends the link with its
 * reason code.
 */
final class Reauthentication {

    private final Authenticator authenticator;
    private boolean running;

    Reauthentication(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    boolean enabled() {
        return authenticator != null;
    }

    /** Adds Authentication Method and the initial data to CONNECT's properties, starting an exchange. */
    void start(Properties connect) {
        if (authenticator != null) {
            connect.set(Property.AUTHENTICATION_METHOD, authenticator.method());
            connect.set(Property.AUTHENTICATION_DATA, authenticator.initialData());
        }
    }

    /** Sends AUTH Re-authenticate (0x19). */
    void reauthenticate(Link link) throws IOException {
        if (authenticator == null) {
            throw new IllegalStateException("no authenticator: set one with Mqtt5Client.builder().authenticator(...)");
        }
        Properties p = new Properties();
        start(p);
        running = true;
        link.send(new Packet.Reason(15, ReasonCode.RE_AUTHENTICATE, p));
    }

    /** @return whether a re-authentication is under way */
    boolean running() {
        return running;
    }

    /** Answers the server's AUTH: Continue authentication with the authenticator's data; Success ends it. */
    void answer(Packet.Reason auth, Link link) throws IOException {
        byte[] data = auth.properties().binary(Property.AUTHENTICATION_DATA);
        String method = auth.properties().string(Property.AUTHENTICATION_METHOD);
        if (authenticator == null || !authenticator.method().equals(method)) {
            throw Faults.protocol("the server sent AUTH for method " + method + ", which the client did not start "
                    + "(MQTT-4.12.0-7 / 3.15.2.2.2)");
        }
        try {
            if (auth.reasonCode() == ReasonCode.CONTINUE_AUTHENTICATION) {
                Properties p = new Properties().set(Property.AUTHENTICATION_METHOD, method)
                        .set(Property.AUTHENTICATION_DATA, authenticator.challenge(data == null ? new byte[0] : data));
                link.send(new Packet.Reason(15, ReasonCode.CONTINUE_AUTHENTICATION, p));
            } else if (auth.reasonCode() == ReasonCode.SUCCESS && running) {
                running = false;
                authenticator.success(data == null ? new byte[0] : data);
            } else {
                throw Faults.protocol("the server sent AUTH with reason " + ReasonCode.name(auth.reasonCode())
                        + (running ? "" : " with no re-authentication under way"));
            }
        } catch (Mqtt5Exception e) {
            running = false;
            throw e;
        } catch (MqttException e) {
            running = false;
            throw Faults.of(e.code(), "authentication failed: " + e.getMessage());
        }
    }

    /** Checks the server's last word of a successful CONNACK. */
    void connected(Properties connack) throws IOException {
        if (authenticator == null) {
            return;
        }
        byte[] data = connack.binary(Property.AUTHENTICATION_DATA);
        try {
            authenticator.success(data == null ? new byte[0] : data);
        } catch (MqttException e) {
            throw Faults.of(e.code(), "the server's authentication was not accepted: " + e.getMessage());
        }
    }

    void linkDropped() {
        running = false;
    }
}
