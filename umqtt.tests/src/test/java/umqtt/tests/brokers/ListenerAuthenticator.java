package umqtt.tests.brokers;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A HiveMQ authenticator that requires one user name and password on one named listener and
 * lets every client of every other listener in anonymously (HiveMQ has no per-listener setting
 * for that, and registering any authenticator makes it decide for all listeners).
 */
final class ListenerAuthenticator implements SimpleAuthenticator {

    private final String listenerName;
    private final String user;
    private final byte[] password;

    ListenerAuthenticator(String listenerName, String user, String password) {
        this.listenerName = Objects.requireNonNull(listenerName, "listenerName");
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        Optional<String> listener = input.getConnectionInformation().getListener().map(Listener::getName);
        if (!listener.filter(listenerName::equals).isPresent()) {
            output.authenticateSuccessfully();
            return;
        }
        boolean userMatches = input.getConnectPacket().getUserName().filter(user::equals).isPresent();
        boolean passwordMatches = input.getConnectPacket().getPassword().map(ListenerAuthenticator::bytes)
                .filter(given -> java.util.Arrays.equals(given, password)).isPresent();
        if (userMatches && passwordMatches) {
            output.authenticateSuccessfully();
        } else {
            // MQTT 3.1.1 CONNACK return code 4 (bad user name or password)
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "wrong user name or password");
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
