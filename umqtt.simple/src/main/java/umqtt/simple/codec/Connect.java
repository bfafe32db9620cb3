package umqtt.simple.codec;

import java.util.Objects;

/**
 * What a client's CONNECT carries. Null where absent. The strings were checked when the client
 * was configured; the encoder only writes them.
 *
 * @param clientId the client identifier, possibly empty
 * @param cleanSession the clean session flag
 * @param keepAliveSeconds 0..65535
 * @param will the last will, or null
 * @param user the user name, or null
 * @param password the password, or null
 */
public record Connect(String clientId, boolean cleanSession, int keepAliveSeconds, Will will, String user,
        byte[] password) {

    /** Checks the components. */
    public Connect {
        Objects.requireNonNull(clientId, "clientId");
    }

    /**
     * A last will inside CONNECT.
     *
     * @param topic the will topic
     * @param payload the will message
     * @param qos 0..2
     * @param retain the retain flag
     */
    public record Will(byte[] topic, byte[] payload, int qos, boolean retain) {
        /** Checks the components. */
        public Will {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
        }
    }
}
