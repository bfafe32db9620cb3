package umqtt.tests.brokers;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.AuthorizerProviderInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;

/**
 * HiveMQ's stand-in for a Mosquitto ACL: clients whose id starts with {@link #CLIENT_PREFIX} may
 * neither subscribe to nor publish on topics under {@link #TOPIC_PREFIX} (SUBACK, PUBACK and PUBREC
 * reason 0x87 Not authorized, with {@link #REASON}); every other client has no authorizer at all.
 */
public final class DeniedTopics implements SubscriptionAuthorizer, PublishAuthorizer {

    /** The client ids this authorizer applies to. */
    public static final String CLIENT_PREFIX = "denied-";
    /** The topics it denies. */
    public static final String TOPIC_PREFIX = "denied/";
    /** The Reason String of every refusal. */
    public static final String REASON = "denied by the test authorizer";

    private static final DeniedTopics INSTANCE = new DeniedTopics();

    private DeniedTopics() {
    }

    /** @return the authorizer for this client, or null for none */
    static DeniedTopics forClient(AuthorizerProviderInput input) {
        return input.getClientInformation().getClientId().startsWith(CLIENT_PREFIX) ? INSTANCE : null;
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        if (input.getSubscription().getTopicFilter().startsWith(TOPIC_PREFIX)) {
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, REASON);
        } else {
            output.authorizeSuccessfully();
        }
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        if (input.getPublishPacket().getTopic().startsWith(TOPIC_PREFIX)) {
            output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, REASON);
        } else {
            output.authorizeSuccessfully();
        }
    }
}
