/**
 * The model-based test of the client, on the virtual link and clock of {@code umqtt.tests.virtual}.
 *
 * <ul>
 *   <li>{@link umqtt.tests.model.ClientModelProperties} draws {@link umqtt.tests.model.Scenario}s
 *       ({@link umqtt.tests.model.Scenarios}): keepalive, response timeout, maxInFlight (20, 1, 2
 *       or 3) and up to 30 {@link umqtt.tests.model.Op}s — publish, send, flush, subscribe,
 *       unsubscribe, ping, waitMsg, checkMsg, idle periods up to hours, broker answer delays (within the timeouts and beyond), inbound
 *       messages of every QoS with DUP re-sends, floods, dead links, cuts with and without the
 *       broker's session, callbacks that publish, disconnect or throw. A failure is shrunk by
 *       QuickTheories and then by {@link umqtt.tests.model.Shrinker}, and printed as the
 *       operation list.</li>
 *   <li>{@link umqtt.tests.model.ModelRun} runs one scenario against a real SimpleClient with a
 *       {@link umqtt.tests.model.BrokerModel} and checks after every step: no I/O failure while
 *       the broker answers in time and the link stands; a dead link found in time
 *       ({@link umqtt.tests.model.DetectionCheck}); packet ids never 0 nor reused in flight; DUP on
 *       re-sends and the re-send order after connect(false) ({@link umqtt.tests.model.ResendCheck});
 *       QoS 1 acknowledged only after its callback returned; QoS 2 delivered once; at most
 *       {@link umqtt.tests.model.VirtualCallbackTest#HELD_BOUND} messages held read but not
 *       delivered ({@link umqtt.tests.model.ModelCallback}); no exception but IOException, the
 *       callback's own, or IllegalStateException after the callback disconnected; for send: no
 *       more than maxInFlight QoS 1/2 messages unacknowledged on the wire when a send writes (a
 *       blocking publish is one more, and so is what its interrupted wait left), the broker
 *       receiving messages in the order of the calls, tickets counting the sends, the
 *       acknowledgement listener hearing each QoS 1/2 ticket once and only after the client read
 *       its acknowledgement, and {@code inFlight()} equal to the model's count; and at the end
 *       ({@link umqtt.tests.model.ModelDrain}) every QoS 1/2 message completed both ways.</li>
 *   <li>{@link umqtt.tests.model.VirtualCallbackTest} holds the plain regressions for callbacks
 *       that disconnect, throw, or publish under a flood.</li>
 * </ul>
 *
 * <p>{@code -Dumqtt.model.seed=N} and {@code -Dumqtt.model.examples=N} change the seed (fixed by
 * default) and the number of scenarios (5,000).
 */
package umqtt.tests.model;
