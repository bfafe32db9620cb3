/**
 * Test fixtures shared by every test of umqtt: real brokers, the certificates they use, and a
 * scripted fake server for faults no broker produces on request.
 *
 * <ul>
 *   <li>{@link umqtt.tests.brokers.Brokers#all()} lists HiveMQ CE (embedded), Mosquitto and aedes
 *       (child processes; aedes is installed with npm into {@code target/aedes}) and, where Docker
 *       runs, an {@code eclipse-mosquitto:2} container, for
 *       {@code @ParameterizedTest @MethodSource("umqtt.tests.brokers.Brokers#all")}. Each starts
 *       on first use, once per test JVM.</li>
 *   <li>{@link umqtt.tests.brokers.Broker#uri(umqtt.tests.brokers.Broker.Listener)} gives a
 *       listener's URI; a listener a broker lacks skips the test.</li>
 *   <li>{@link umqtt.tests.brokers.Brokers#restartable()} gives a test its own broker to stop and
 *       start again (Mosquitto, aedes).</li>
 *   <li>{@link umqtt.tests.brokers.BrokerDeviation} names where a broker breaks MQTT in a way no
 *       client can make up for; {@code BrokerDeviationTest} reproduces each with raw packets.</li>
 *   <li>{@link umqtt.tests.brokers.TestPki} generates the CA, server, client and bad certificates
 *       and the PSK once per JVM; {@link umqtt.tests.brokers.TestTls} presets {@code TlsOptions}
 *       from them; {@link umqtt.tests.brokers.JsseContexts} gives JDK TLS peers.</li>
 *   <li>{@link umqtt.tests.brokers.ScriptedServer} accepts connections and lets the test read
 *       {@link umqtt.tests.brokers.RawPacket}s and send raw bytes.</li>
 * </ul>
 *
 * <p>A missing broker skips its tests, or fails them under {@code UMQTT_REQUIRE_BROKERS=1};
 * {@link umqtt.tests.brokers.MissingBrokerReport} sums the skips up per broker after the run, and
 * {@code UMQTT_HIDE_BROKERS=mosquitto,aedes} ({@link umqtt.tests.brokers.HiddenBrokers}) makes
 * installed brokers count as missing.
 */
package umqtt.tests.brokers;
