package umqtt.tests.brokers;

import java.nio.file.Path;
import java.util.Map;
import umqtt.tests.brokers.Broker.Listener;

/** Writes HiveMQ CE's {@code config.xml} for the listeners of {@link HiveMq}, all on 127.0.0.1. */
final class HiveMqConfig {

    /** The name of the tcp-listener on which {@link ListenerAuthenticator} requires a password. */
    static final String AUTH_LISTENER_NAME = "auth";

    private HiveMqConfig() {
    }

    static String xml(Map<Listener, Integer> ports, TestPki pki) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                """);
        for (Map.Entry<Listener, Integer> entry : ports.entrySet()) {
            int port = entry.getValue();
            switch (entry.getKey()) {
                case TCP -> xml.append(open("tcp-listener", port)).append(close("tcp-listener"));
                case AUTH -> xml.append(open("tcp-listener", port))
                        .append("            <name>").append(AUTH_LISTENER_NAME).append("</name>\n")
                        .append(close("tcp-listener"));
                case TLS -> xml.append(open("tls-tcp-listener", port)).append(tls(pki.serverKeystore(), pki, false))
                        .append(close("tls-tcp-listener"));
                case TLS_WRONG_HOST -> xml.append(open("tls-tcp-listener", port))
                        .append(tls(pki.wrongHostKeystore(), pki, false)).append(close("tls-tcp-listener"));
                case TLS_EXPIRED -> xml.append(open("tls-tcp-listener", port))
                        .append(tls(pki.expiredKeystore(), pki, false)).append(close("tls-tcp-listener"));
                case MUTUAL_TLS -> xml.append(open("tls-tcp-listener", port)).append(tls(pki.serverKeystore(), pki, true))
                        .append(close("tls-tcp-listener"));
                case WS -> xml.append(open("websocket-listener", port)).append(webSocket())
                        .append(close("websocket-listener"));
                case WSS -> xml.append(open("tls-websocket-listener", port)).append(webSocket())
                        .append(tls(pki.serverKeystore(), pki, false)).append(close("tls-websocket-listener"));
                default -> throw new IllegalArgumentException("HiveMQ fixture has no " + entry.getKey() + " listener");
            }
        }
        return xml.append("""
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <!-- floods of tests outrun a subscriber for moments: drop nothing -->
                            <max-queue-size>1000000</max-queue-size>
                        </queued-messages>
                    </mqtt>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """).toString();
    }

    private static String open(String element, int port) {
        return "        <" + element + ">\n"
                + "            <port>" + port + "</port>\n"
                + "            <bind-address>127.0.0.1</bind-address>\n";
    }

    private static String close(String element) {
        return "        </" + element + ">\n";
    }

    private static String webSocket() {
        return """
                            <path>/mqtt</path>
                            <subprotocols>
                                <subprotocol>mqttv3.1</subprotocol>
                                <subprotocol>mqtt</subprotocol>
                            </subprotocols>
                """;
    }

    private static String tls(Path keystore, TestPki pki, boolean requireClientCertificate) {
        String password = new String(pki.keystorePassword());
        StringBuilder tls = new StringBuilder()
                .append("            <tls>\n")
                .append("                <keystore>\n")
                .append("                    <path>").append(keystore).append("</path>\n")
                .append("                    <password>").append(password).append("</password>\n")
                .append("                    <private-key-password>").append(password).append("</private-key-password>\n")
                .append("                </keystore>\n");
        if (requireClientCertificate) {
            tls.append("                <truststore>\n")
                    .append("                    <path>").append(pki.trustStore()).append("</path>\n")
                    .append("                    <password>").append(password).append("</password>\n")
                    .append("                </truststore>\n")
                    .append("                <client-authentication-mode>REQUIRED</client-authentication-mode>\n");
        }
        return tls.append("            </tls>\n").toString();
    }
}
