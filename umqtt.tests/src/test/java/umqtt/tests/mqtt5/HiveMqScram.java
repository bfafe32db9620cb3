package umqtt.tests.mqtt5;

import com.hivemq.extension.sdk.api.auth.EnhancedAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.EnhancedAuthConnectInput;
import com.hivemq.extension.sdk.api.auth.parameter.EnhancedAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.EnhancedAuthOutput;
import com.hivemq.extension.sdk.api.packets.general.DisconnectedReasonCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * SCRAM-SHA-256 inside HiveMQ (its extension SDK's enhanced authentication), one per connection:
 * CONNECT or AUTH Re-authenticate carries the client-first-message, HiveMQ's AUTH Continue
 * carries {@link ScramServer}'s server-first-message, the client's AUTH its proof, and the
 * CONNACK (or AUTH Success) the server signature; a wrong proof is CONNACK 0x86.
 *
 * <p>Users: {@link #USER}/{@link #PASSWORD}, and {@link #IMPOSTOR_USER} (same password) for whom
 * the server signs wrongly, as a server that does not know the password would, and
 * {@link #REAUTH_IMPOSTOR_USER}, signed for wrongly only when re-authenticating.
 */
final class HiveMqScram implements EnhancedAuthenticator {

    static final String USER = "scram-user";
    static final String PASSWORD = "pencil sharpener";
    static final String IMPOSTOR_USER = "scram-impostor";
    /** Signed for correctly at CONNECT, wrongly when re-authenticating. */
    static final String REAUTH_IMPOSTOR_USER = "scram-reauth-impostor";
    static final int ITERATIONS = 4096;

    private ScramServer exchange;
    private boolean forge;

    @Override
    public void onConnect(EnhancedAuthConnectInput input, EnhancedAuthOutput output) {
        first(input.getConnectPacket().getAuthenticationData(), false, output);
    }

    @Override
    public void onReAuth(EnhancedAuthInput input, EnhancedAuthOutput output) {
        first(input.getAuthPacket().getAuthenticationData(), true, output);
    }

    @Override
    public void onAuth(EnhancedAuthInput input, EnhancedAuthOutput output) {
        if (exchange == null) {
            output.failAuthentication(DisconnectedReasonCode.PROTOCOL_ERROR, "AUTH before the client-first-message");
            return;
        }
        String last = exchange.last(bytes(input.getAuthPacket().getAuthenticationData()));
        exchange = null;
        if (last.startsWith("e=")) {
            output.failAuthentication(DisconnectedReasonCode.BAD_USER_NAME_OR_PASSWORD, last);
            return;
        }
        byte[] serverFinal = last.getBytes(StandardCharsets.US_ASCII);
        if (forge) {
            byte[] signature = Base64.getDecoder().decode(last.substring(2));
            signature[0] ^= 1;
            serverFinal = ("v=" + Base64.getEncoder().encodeToString(signature)).getBytes(StandardCharsets.US_ASCII);
        }
        output.authenticateSuccessfully(serverFinal);
    }

    private void first(Optional<ByteBuffer> data, boolean reauthentication, EnhancedAuthOutput output) {
        byte[] clientFirst = bytes(data);
        String text = new String(clientFirst, StandardCharsets.UTF_8);
        String user = text.startsWith("n,,n=" + IMPOSTOR_USER + ",") ? IMPOSTOR_USER
                : text.startsWith("n,,n=" + REAUTH_IMPOSTOR_USER + ",") ? REAUTH_IMPOSTOR_USER : USER;
        forge = user.equals(IMPOSTOR_USER) || user.equals(REAUTH_IMPOSTOR_USER) && reauthentication;
        byte[] salt = ("salt of " + user).getBytes(StandardCharsets.UTF_8);
        exchange = new ScramServer(user, PASSWORD, salt, ITERATIONS, UUID.randomUUID().toString());
        String serverFirst = exchange.first(clientFirst);
        if (serverFirst.startsWith("e=")) {
            output.failAuthentication(DisconnectedReasonCode.NOT_AUTHORIZED, serverFirst);
        } else {
            output.continueAuthentication(serverFirst.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] bytes(Optional<ByteBuffer> data) {
        if (data.isEmpty()) {
            return new byte[0];
        }
        ByteBuffer copy = data.get().asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
