package umqtt.bench.harness.contenders;

/**
 * Creates one MQTT version's HiveMQ client, unconnected, behind a link.
 *
 * @param <L> the link: {@link HiveMqAsyncLink} or {@link HiveMqBlockingLink}
 */
interface HiveMqOpener<L> {
    L open(String host, int port, String clientId);
}
