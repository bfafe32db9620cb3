package umqtt.bench.harness;

import java.util.List;

/**
 * One figure the harness reports.
 *
 * @param key the key (scenario.name)
 * @param label what it is
 * @param unit its unit
 * @param higherIsBetter whether more is better
 * @param scale what the raw value is multiplied by for display
 */
record Metric(String key, String label, String unit, boolean higherIsBetter, double scale) {

    static final List<Metric> ALL = List.of(
            new Metric("q0.rate", "QoS 0 throughput at the subscriber", "msg/s", true, 1),
            new Metric("q0.cpu", "QoS 0 client CPU", "µs/msg", false, 1e-3),
            new Metric("q1.rate", "QoS 1 sequential publish", "msg/s", true, 1),
            new Metric("q1.p50", "QoS 1 publish p50", "µs", false, 1),
            new Metric("q1.p99", "QoS 1 publish p99", "µs", false, 1),
            new Metric("q1.cpu", "QoS 1 client CPU", "µs/msg", false, 1e-3),
            new Metric("win20.rate", "QoS 1 with 20 in flight (qos1-win20)", "msg/s", true, 1),
            new Metric("win20.cpu", "QoS 1 with 20 in flight, client CPU", "µs/msg", false, 1e-3),
            new Metric("rtt.p50", "round trip p50", "µs", false, 1),
            new Metric("rtt.p99", "round trip p99", "µs", false, 1),
            new Metric("rtt.cpu", "round trip client CPU", "µs/trip", false, 1e-3),
            new Metric("fp.threads", "threads per connected client", "threads", false, 1),
            new Metric("fp.heap", "retained heap per connected client", "KiB", false, 1.0 / 1024),
            new Metric("fp.rss", "RSS per connected client", "KiB", false, 1.0 / 1024),
            new Metric("fp.connect", "time to connect all clients", "ms", false, 1),
            new Metric("cold", "cold start: JVM, connect, one QoS 1, exit", "ms", false, 1),
            new Metric("q0.lost", "QoS 0 messages lost", "msgs", false, 1),
            new Metric("conn10k.heap", "conn10k: retained heap per connection", "KiB", false, 1.0 / 1024),
            new Metric("conn10k.rss", "conn10k: RSS per connection", "KiB", false, 1.0 / 1024),
            new Metric("conn10k.threadsTotal", "conn10k: threads of the JVM holding all", "threads", false, 1),
            new Metric("conn10k.connectRate", "conn10k: connects per second", "conn/s", true, 1),
            new Metric("conn10k.heldToEnd", "conn10k: connected at the end of the hold", "clients", true, 1),
            new Metric("fanin.rate", "fanin1000: QoS 0 forwarded to one raw subscriber", "msg/s", true, 1),
            new Metric("fanin.brokerCpu", "fanin1000: Mosquitto's CPU in the window", "cores", false, 1),
            new Metric("fanin.benchSent", "fanin1000: the bench's own send rate, whole run", "msg/s", true, 1));
}
