package umqtt.mqtt5;

import umqtt.api.MqttException;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) as an MQTT 5 {@link Authenticator}: the client proves it
 * knows the password without sending it, and checks the server's signature in return.
 *
 * <p>SKELETON: in progress.
 */
public final class ScramSha256 implements Authenticator {

    /**
     * @param user the user name (SASLprep'd as RFC 5802 asks: "=" and "," escaped)
     * @param password the password (copied; never in messages or {@code toString})
     */
    public ScramSha256(String user, byte[] password) {
    }

    @Override
    public String method() {
        return "SCRAM-SHA-256";
    }

    @Override
    public byte[] initialData() {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public byte[] challenge(byte[] serverData) throws MqttException {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public void success(byte[] serverData) throws MqttException {
        throw new UnsupportedOperationException("in progress");
    }
}
