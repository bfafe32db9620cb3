package umqtt.examples.demo;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The demo broker's rule for credentials: anonymous clients are welcome, but a client that gives
 * a user name must give the demo user's password ({@link #USER} / {@link #PASSWORD}); any other
 * is refused with CONNACK 4, bad user name or password.
 */
final class DemoAuthenticator implements SimpleAuthenticator {

    /** The demo's user (demo only, not a secret). */
    static final String USER = "demo";
    /** The demo user's password (demo only, not a secret). */
    static final String PASSWORD = "demo-password";

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        Optional<String> user = input.getConnectPacket().getUserName();
        if (user.isEmpty()) {
            output.authenticateSuccessfully();
            return;
        }
        byte[] given = input.getConnectPacket().getPassword().map(DemoAuthenticator::toBytes).orElse(new byte[0]);
        boolean ok = user.get().equals(USER)
                && MessageDigest.isEqual(given, PASSWORD.getBytes(StandardCharsets.UTF_8));
        if (ok) {
            output.authenticateSuccessfully();
        } else {
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "wrong user name or password");
        }
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
