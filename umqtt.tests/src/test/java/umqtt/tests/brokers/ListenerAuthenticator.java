package umqtt.tests.brokers;

import com.hivemq.extension.sdk.api.auth.EnhancedAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.EnhancedAuthConnectInput;
import com.hivemq.extension.sdk.api.auth.parameter.EnhancedAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.EnhancedAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.general.DisconnectedReasonCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A HiveMQ authenticator, one per connection, that requires one user name and password on one
 * named listener and lets every client of every other listener in anonymously (HiveMQ has no
 * per-listener setting for that, and registering any authenticator makes it decide for all
 * listeners). A CONNECT naming an MQTT 5 Authentication Method is handed, on any listener, to the
 * authenticator a test registered for that method ({@link #register}); an unknown method is
 * refused with 0x8C Bad authentication method.
 *
 * <p>It is an enhanced authenticator because HiveMQ takes one authenticator per extension and
 * only an enhanced one sees AUTH packets; HiveMQ calls it for MQTT 3.1.1 clients too, and answers
 * them with CONNACK 4 for a wrong user name or password.
 */
final class ListenerAuthenticator implements EnhancedAuthenticator {

    private static final Map<String, Supplier<? extends EnhancedAuthenticator>> METHODS = new ConcurrentHashMap<>();

    private final String listenerName;
    private final String user;
    private final byte[] password;
    private EnhancedAuthenticator method; // this connection's, when its CONNECT named one

    ListenerAuthenticator(String listenerName, String user, String password) {
        this.listenerName = Objects.requireNonNull(listenerName, "listenerName");
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8);
    }

    /** Hands every connection whose CONNECT names {@code method} to a new authenticator from {@code factory}. */
    static void register(String method, Supplier<? extends EnhancedAuthenticator> factory) {
        METHODS.put(Objects.requireNonNull(method, "method"), Objects.requireNonNull(factory, "factory"));
    }

    @Override
    public void onConnect(EnhancedAuthConnectInput input, EnhancedAuthOutput output) {
        Optional<String> named = input.getConnectPacket().getAuthenticationMethod();
        if (named.isPresent()) {
            Supplier<? extends EnhancedAuthenticator> factory = METHODS.get(named.get());
            if (factory == null) {
                output.failAuthentication(DisconnectedReasonCode.BAD_AUTHENTICATION_METHOD,
                        "this test broker knows the authentication methods " + METHODS.keySet());
                return;
            }
            method = factory.get();
            method.onConnect(input, output);
            return;
        }
        Optional<String> listener = input.getConnectionInformation().getListener().map(Listener::getName);
        if (!listener.filter(listenerName::equals).isPresent() || credentialsMatch(input.getConnectPacket())) {
            output.authenticateSuccessfully();
        } else {
            // MQTT 3.1.1 CONNACK return code 4, MQTT 5 reason 0x86
            output.failAuthentication(DisconnectedReasonCode.BAD_USER_NAME_OR_PASSWORD, "wrong user name or password");
        }
    }

    @Override
    public void onAuth(EnhancedAuthInput input, EnhancedAuthOutput output) {
        if (method == null) {
            output.failAuthentication(DisconnectedReasonCode.PROTOCOL_ERROR, "AUTH without an authentication method");
        } else {
            method.onAuth(input, output);
        }
    }

    @Override
    public void onReAuth(EnhancedAuthInput input, EnhancedAuthOutput output) {
        if (method == null) {
            output.failAuthentication(DisconnectedReasonCode.PROTOCOL_ERROR,
                    "re-authentication of a connection that did not name an authentication method");
        } else {
            method.onReAuth(input, output);
        }
    }

    private boolean credentialsMatch(ConnectPacket connect) {
        boolean userMatches = connect.getUserName().filter(user::equals).isPresent();
        boolean passwordMatches = connect.getPassword().map(ListenerAuthenticator::bytes)
                .filter(given -> Arrays.equals(given, password)).isPresent();
        return userMatches && passwordMatches;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
