package umqtt.tests.mqtt5;

import com.hivemq.extension.sdk.api.auth.EnhancedAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.EnhancedAuthConnectInput;
import com.hivemq.extension.sdk.api.auth.parameter.EnhancedAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.EnhancedAuthOutput;
import com.hivemq.extension.sdk.api.packets.general.DisconnectedReasonCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The server side of {@link EnhancedAuthTest.TokenAuthenticator} in HiveMQ: one token opens the door. */
final class HiveMqToken implements EnhancedAuthenticator {

    static final String METHOD = "umqtt-token";
    static final String TOKEN = "token-of-the-test";

    @Override
    public void onConnect(EnhancedAuthConnectInput input, EnhancedAuthOutput output) {
        check(input.getConnectPacket().getAuthenticationData(), output);
    }

    @Override
    public void onReAuth(EnhancedAuthInput input, EnhancedAuthOutput output) {
        check(input.getAuthPacket().getAuthenticationData(), output);
    }

    @Override
    public void onAuth(EnhancedAuthInput input, EnhancedAuthOutput output) {
        output.failAuthentication(DisconnectedReasonCode.PROTOCOL_ERROR, "the token method has one step");
    }

    private static void check(Optional<ByteBuffer> data, EnhancedAuthOutput output) {
        boolean valid = data.map(StandardCharsets.UTF_8::decode).map(CharSequence::toString).filter(TOKEN::equals)
                .isPresent();
        if (valid) {
            output.authenticateSuccessfully();
        } else {
            output.failAuthentication(DisconnectedReasonCode.NOT_AUTHORIZED, "unknown token");
        }
    }
}
