/**
 * Test fixtures shared by every test of umqtt: real brokers, the certificates they use, and a
 * scripted fake server for faults no broker produces on request.
 *
 * <ul>
 *   <li>{@link umqtt.tests.brokers.Brokers#all()} lists HiveMQ CE (embedded), Mosquitto (child
 *       process) and, where Docker runs, an {@code eclipse-mosquitto:2} container, for
 *       {@code @ParameterizedTest @MethodSource("umqtt.tests.brokers.Brokers#all")}. Each starts
 *       on first use, once per test JVM.</li>
 *   <li>{@link umqtt.tests.brokers.Broker#uri(umqtt.tests.brokers.Broker.Listener)} gives a
 *       listener's URI; a listener a broker lacks skips the test.</li>
 *   <li>{@link umqtt.tests.brokers.Mosquitto#startPrivate()} gives a test its own broker to stop,
 *       kill and restart.</li>
 *   <li>{@link umqtt.tests.brokers.TestPki} generates the CA, server, client and bad certificates
 *       and the PSK once per JVM; {@link umqtt.tests.brokers.TestTls} presets {@code TlsOptions}
 *       from them; {@link umqtt.tests.brokers.JsseContexts} gives JDK TLS peers.</li>
 *   <li>{@link umqtt.tests.brokers.ScriptedServer} accepts connections and lets the test read
 *       {@link umqtt.tests.brokers.RawPacket}s and send raw bytes.</li>
 * </ul>
 *
 * <p>A missing broker skips its tests, or fails them under {@code UMQTT_REQUIRE_BROKERS=1}.
 */
package umqtt.tests.brokers;
