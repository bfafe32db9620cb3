package umqtt.tests.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import umqtt.api.MqttException;
import umqtt.robust.BackoffStrategy;
import umqtt.robust.RobustClient;

/**
 * The retry policy of RobustClient against a scripted delegate (pure logic: attempts, backoff,
 * refusals, server order, what is replayed). Behaviour against brokers is in RobustBrokerTest.
 */
class RobustClientPolicyTest {

    private static final BackoffStrategy NO_WAIT = BackoffStrategy.fixed(Duration.ZERO);

    private static ConnectException down() {
        return new ConnectException("connection refused");
    }

    private static SocketException cut() {
        return new SocketException("connection reset");
    }

    @Test
    void connectWaitsForABrokerThatIsDownAtStart() throws IOException {
        FakeClient a = new FakeClient("a").failConnect(down(), down(), down());
        List<Integer> asked = new ArrayList<>();
        RobustClient c = RobustClient.builder().backoff(i -> {
            asked.add(i);
            return Duration.ZERO;
        }).logger(new RecordingLogger()).wrap(a);
        assertTrue(c.connect(false));
        assertEquals(4, a.count("connect(false)"));
        assertEquals(List.of(1, 2, 3), asked, "the backoff is asked with the failures in a row");
    }

    @Test
    void maxAttemptsThrowsTheLastErrorAfterThatManyAttempts() {
        ConnectException last = new ConnectException("the last one");
        FakeClient a = new FakeClient("a").failConnect(down(), down(), down()).failConnectAlways(last);
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).maxAttempts(4).logger(new RecordingLogger()).wrap(a);
        assertSame(last, assertThrows(ConnectException.class, () -> c.connect(true)));
        assertEquals(4, a.count("connect(true)"));
        assertThrows(IllegalStateException.class, () -> c.publish("t", new byte[0]),
                "after a failed connect the client is not connected");
    }

    @Test
    void deadlineEndsRetrying() {
        FakeClient a = new FakeClient("a").failConnectAlways(down());
        RobustClient c = RobustClient.builder().backoff(BackoffStrategy.fixed(Duration.ofMillis(20)))
                .deadline(Duration.ofMillis(200)).logger(new RecordingLogger()).wrap(a);
        long start = System.nanoTime();
        assertThrows(ConnectException.class, () -> c.connect(false));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "took " + millis + " ms");
        int attempts = a.count("connect(false)");
        assertTrue(attempts >= 2 && attempts <= 11, attempts + " attempts in a 200 ms deadline with 20 ms pauses");
    }

    @Test
    void badCredentialsAreThrownAtOnceByDefault() {
        FakeClient a = new FakeClient("a").failConnectAlways(MqttException.connectionRefused(5));
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a);
        MqttException e = assertThrows(MqttException.class, () -> c.connect(false));
        assertEquals(MqttException.NOT_AUTHORIZED, e.code());
        assertEquals(1, a.count("connect(false)"));
    }

    @Test
    void withSeveralServersEachMayRefuseBeforeTheRefusalIsThrown() throws IOException {
        List<String> journal = new ArrayList<>();
        FakeClient a = new FakeClient("a", journal).failConnectAlways(MqttException.connectionRefused(5));
        FakeClient b = new FakeClient("b", journal).failConnect(MqttException.connectionRefused(4));
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a, b);
        assertEquals(4, assertThrows(MqttException.class, () -> c.connect(false)).code());
        assertEquals(List.of("a connect(false)", "b connect(false)"), journal);
        c.connect(false);
        assertEquals(List.of("a connect(false)", "b connect(false)", "a connect(false)", "b connect(false)"), journal,
                "the next attempt goes on round robin");
    }

    @Test
    void refusalsAreRetriedAsManyTimesAsConfigured() {
        FakeClient a = new FakeClient("a").failConnectAlways(MqttException.connectionRefused(4));
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).maxRefusals(3).logger(new RecordingLogger()).wrap(a);
        assertEquals(4, assertThrows(MqttException.class, () -> c.connect(false)).code());
        assertEquals(3, a.count("connect(false)"));
    }

    @Test
    void serverUnavailableIsRetriedLikeANetworkFailure() throws IOException {
        FakeClient a = new FakeClient("a").failConnect(MqttException.connectionRefused(3),
                MqttException.connectionRefused(3));
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a);
        c.connect(false);
        assertEquals(3, a.count("connect(false)"));
    }

    @Test
    void protocolErrorsAreRetriedABoundedNumberOfTimes() throws IOException {
        FakeClient a = new FakeClient("a");
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a);
        c.connect(true);
        a.failOperations(new MqttException(MqttException.MALFORMED_PACKET, "garbage"),
                new MqttException(MqttException.MALFORMED_PACKET, "garbage"),
                new MqttException(MqttException.MALFORMED_PACKET, "garbage"),
                new MqttException(MqttException.MALFORMED_PACKET, "garbage"));
        assertEquals(MqttException.MALFORMED_PACKET, assertThrows(MqttException.class, c::waitMsg).code());
        assertEquals(3, a.count("waitMsg"), "the default allows 3 protocol errors per operation");
        c.waitMsg(); // the fourth scripted error: a new operation, a new count
        c.waitMsg();
    }

    @Test
    void refusedSubscriptionIsThrownAtOnceAndNotRemembered() throws IOException {
        FakeClient a = new FakeClient("a");
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a);
        c.connect(true);
        a.failOperations(new MqttException(MqttException.SUBSCRIPTION_REFUSED, "refused"));
        assertThrows(MqttException.class, () -> c.subscribe("denied", 1));
        assertEquals(1, a.count("connect(true)"));
        c.subscribe("ok", 1);
        a.failOperations(cut());
        a.answerConnect(false);
        c.ping();
        assertEquals(2, a.count("subscribe(ok,1)"), "ok renewed once");
        assertEquals(1, a.count("subscribe(denied,1)"), "a refused filter is never renewed");
    }

    @Test
    void misuseIsNeverRetried() throws IOException {
        FakeClient a = new FakeClient("a");
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a);
        assertThrows(IllegalStateException.class, () -> c.publish("t", new byte[0]), "publish before connect");
        assertEquals(0, a.count("publish(t,0)"));
        c.connect(false);
        c.subscribe("s", 1);
        assertThrows(IllegalStateException.class, () -> c.connect(true), "already connected");
        c.publish("t", new byte[0]);
        assertEquals(1, a.count("publish(t,0)"), "still connected after the misuse");
        assertEquals(1, a.count("connect(false)"));
        assertEquals(0, a.count("connect(true)"));
        a.failOperations(cut()).answerConnect(false);
        c.ping();
        assertEquals(2, a.count("subscribe(s,1)"), "the misplaced connect(true) made it forget its subscriptions");
    }

    @Test
    void aFailedQos1PublishIsCompletedByTheReconnectNotPublishedTwice() throws IOException {
        FakeClient a = new FakeClient("a");
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a);
        c.connect(false);
        a.failOperations(cut());
        c.publish("q1", new byte[] {1}, false, 1);
        assertEquals(1, a.count("publish(q1,1)"), "re-published: a duplicate");
        assertEquals(1, a.count("complete publish(q1,1)"));
        a.failOperations(cut());
        c.publish("q0", new byte[] {0}, false, 0);
        assertEquals(2, a.count("publish(q0,0)"), "a QoS 0 publish is sent again after the reconnect");
    }

    @Test
    void aClientThatCannotResumeASessionIsReconnectedCleanAndThePublishSentAgain() throws IOException {
        FakeClient a = new FakeClient("a").withoutClientId();
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a);
        assertThrows(IllegalArgumentException.class, () -> c.connect(false), "the user's own misuse is thrown");
        a.calls.clear();
        c.connect(true);
        assertEquals(List.of("a connect(true)", "a disconnect", "a connect(false)", "a connect(true)"), a.calls,
                "the session cannot be made persistent: clean it is");
        c.subscribe("s", 1);
        a.calls.clear();
        a.failOperations(cut());
        c.publish("q", new byte[] {1}, false, 1);
        assertEquals(List.of("a publish(q,1)", "a connect(true)", "a subscribe(s,1)", "a publish(q,1)"), a.calls,
                "the clean connect wiped the message: it must be published again");
    }

    @Test
    void connectTrueMakesTheNewSessionPersistentUnlessToldNotTo() throws IOException {
        FakeClient a = new FakeClient("a");
        assertFalse(RobustClient.builder().logger(new RecordingLogger()).wrap(a).connect(true));
        assertEquals(List.of("a connect(true)", "a disconnect", "a connect(false)"), a.calls);
        FakeClient b = new FakeClient("b");
        RobustClient.builder().persistentSession(false).logger(new RecordingLogger()).wrap(b).connect(true);
        assertEquals(List.of("b connect(true)"), b.calls);
    }

    @Test
    void failoverMovesRoundRobinAndPublishesWhereTheMessageIsNotHeld() throws IOException {
        List<String> journal = new ArrayList<>();
        FakeClient a = new FakeClient("a", journal);
        FakeClient b = new FakeClient("b", journal).failConnect(down());
        FakeClient x = new FakeClient("x", journal);
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a, b, x);
        c.connect(false);
        a.failOperations(cut()).failConnect(down());
        c.publish("m", new byte[] {1}, false, 1);
        assertEquals(List.of("a connect(false)", "a publish(m,1)", "a connect(false)", "b connect(false)",
                "x connect(false)", "x publish(m,1)"), journal,
                "first the same server, then the next ones in turn; x does not hold the message: publish there");
    }

    @Test
    void sessionLossRenewsSubscriptionsInOrderBeforeTheOperationGoesOn() throws IOException {
        FakeClient a = new FakeClient("a");
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a);
        c.connect(true);
        c.subscribe("one", 1);
        c.subscribe("two", 2);
        c.subscribe("three", 0);
        c.unsubscribe("two");
        c.subscribe("one", 2);
        a.calls.clear();
        a.failOperations(cut()).answerConnect(false);
        c.publish("p", new byte[0]);
        assertEquals(List.of("a publish(p,0)", "a connect(false)", "a subscribe(three,0)", "a subscribe(one,2)",
                "a publish(p,0)"), a.calls);
        a.calls.clear();
        a.failOperations(cut()).answerConnect(true);
        c.publish("p", new byte[0]);
        assertEquals(List.of("a publish(p,0)", "a connect(false)", "a publish(p,0)"), a.calls,
                "the broker kept the session: nothing to renew");
    }

    @Test
    void filtersSubscribedTogetherAreRenewedExceptTheRefusedOnes() throws IOException {
        FakeClient a = new FakeClient("a");
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a);
        c.connect(false);
        a.failOperations(cut(), null, new MqttException(MqttException.SUBSCRIPTION_REFUSED, "refused"));
        int[] granted = c.subscribe(new byte[][] {"x".getBytes(), "y".getBytes()}, new int[] {1, 2});
        assertEquals(List.of(1, 0x80), List.of(granted[0], granted[1]));
        a.calls.clear();
        a.failOperations(cut()).answerConnect(false);
        c.ping();
        assertEquals(List.of("a ping", "a connect(false)", "a subscribe(x,1)", "a ping"), a.calls);
    }

    @Test
    void aFailedRenewalIsRetriedEvenWhenTheNextConnectFindsASession() throws IOException {
        FakeClient a = new FakeClient("a");
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a);
        c.connect(true);
        c.subscribe("s", 1);
        a.calls.clear();
        a.failOperations(cut(), cut()).answerConnect(false).answerConnect(true);
        c.ping();
        assertEquals(List.of("a ping", "a connect(false)", "a subscribe(s,1)", "a connect(false)", "a subscribe(s,1)",
                "a ping"), a.calls);
    }

    @Test
    void failoverToAnotherServerReplaysSubscriptionsAndUnsubscriptions() throws IOException {
        FakeClient a = new FakeClient("a");
        FakeClient b = new FakeClient("b").answerConnect(true);
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a, b);
        c.connect(false);
        c.subscribe("keep", 1);
        c.subscribe("drop", 1);
        c.unsubscribe("drop");
        a.failOperations(cut()).failConnect(down());
        c.waitMsg();
        assertEquals(List.of("b connect(false)", "b subscribe(keep,1)", "b unsubscribe(drop)", "b waitMsg"), b.calls,
                "b's session may be stale: the unsubscription is replayed too");
    }

    @Test
    void explicitCleanConnectForgetsSubscriptions() throws IOException {
        FakeClient a = new FakeClient("a");
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a);
        c.connect(false);
        c.subscribe("s", 1);
        c.disconnect();
        c.connect(true);
        a.calls.clear();
        a.failOperations(cut()).answerConnect(false);
        c.ping();
        assertEquals(List.of("a ping", "a connect(false)", "a ping"), a.calls);
    }

    @Test
    void callbackAndWillGoToEveryDelegate() {
        FakeClient a = new FakeClient("a");
        FakeClient b = new FakeClient("b");
        RobustClient c = RobustClient.wrap(a, b);
        c.setCallback(m -> { });
        c.setLastWill("w".getBytes(), "gone".getBytes(), true, 1);
        assertEquals(List.of("a setCallback", "a setLastWill"), a.calls);
        assertEquals(List.of("b setCallback", "b setLastWill"), b.calls);
    }

    @Test
    void checkMsgChecksAtMostTwiceThenReconnectsAndReturnsFalse() throws IOException {
        FakeClient a = new FakeClient("a");
        RobustClient c = RobustClient.builder().backoff(NO_WAIT).logger(new RecordingLogger()).wrap(a);
        c.connect(false);
        a.calls.clear();
        a.failOperations(cut(), cut());
        assertFalse(c.checkMsg());
        assertEquals(List.of("a checkMsg", "a connect(false)", "a checkMsg", "a connect(false)"), a.calls);
        assertTrue(c.checkMsg(), "connected again");
    }

    @Test
    void backoffPausesGrowAndAreCappedMeasuredFromAttemptTimes() throws IOException {
        // Jitter pinned to its upper bound: pauses of 20, 40, 80, 80, 80 ms.
        BackoffStrategy upper = BackoffStrategy.exponential(Duration.ofMillis(20), Duration.ofMillis(80),
                () -> -1L);
        FakeClient a = new FakeClient("a").failConnect(down(), down(), down(), down(), down());
        RobustClient c = RobustClient.builder().backoff(upper).logger(new RecordingLogger()).wrap(a);
        c.connect(false);
        List<Long> t = a.connectTimes;
        assertEquals(6, t.size());
        long[] expected = {20, 40, 80, 80, 80};
        for (int i = 0; i < expected.length; i++) {
            long gap = (t.get(i + 1) - t.get(i)) / 1_000_000;
            assertTrue(gap >= expected[i] - 1, "pause " + (i + 1) + " was " + gap + " ms, expected " + expected[i]);
            assertTrue(gap < expected[i] + 1000, "pause " + (i + 1) + " was " + gap + " ms, above the cap");
        }
    }

    @Test
    void closeFromAnotherThreadEndsABackoffWaitPromptly() throws Exception {
        FakeClient a = new FakeClient("a").failConnectAlways(down());
        RecordingLogger log = new RecordingLogger();
        RobustClient c = RobustClient.builder().backoff(BackoffStrategy.fixed(Duration.ofMinutes(5))).logger(log)
                .wrap(a);
        CompletableFuture<Void> connecting = CompletableFuture.runAsync(() -> {
            try {
                c.connect(false);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(log.await("reconnecting", 1, 10, TimeUnit.SECONDS), "no attempt failed");
        long start = System.nanoTime();
        c.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> connecting.get(5, TimeUnit.SECONDS));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5000);
        assertTrue(e.getCause().getCause() instanceof IOException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getCause().getMessage().contains("closed"), e.getCause().getCause().getMessage());
        assertTrue(a.closed);
        assertEquals(1, a.count("connect(false)"));
        assertThrows(IllegalStateException.class, () -> c.connect(false));
    }

    @Test
    void anInterruptEndsABackoffWaitAndTheFlagStaysSet() throws Exception {
        FakeClient a = new FakeClient("a").failConnectAlways(down());
        RecordingLogger log = new RecordingLogger();
        RobustClient c = RobustClient.builder().backoff(BackoffStrategy.fixed(Duration.ofMinutes(5))).logger(log)
                .wrap(a);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                c.connect(false);
            } catch (Throwable e) {
                thrown.set(e);
            }
            flag.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        assertTrue(log.await("reconnecting", 1, 10, TimeUnit.SECONDS), "no attempt failed");
        t.interrupt();
        t.join(5000);
        assertFalse(t.isAlive(), "the wait did not end");
        assertTrue(thrown.get() instanceof InterruptedIOException, String.valueOf(thrown.get()));
        assertTrue(flag.get(), "the interrupt flag was cleared");
    }

    @Test
    void useFromASecondThreadDuringABackoffIsReported() throws Exception {
        FakeClient a = new FakeClient("a").failConnectAlways(down());
        RecordingLogger log = new RecordingLogger();
        RobustClient c = RobustClient.builder().backoff(BackoffStrategy.fixed(Duration.ofMinutes(5))).logger(log)
                .wrap(a);
        CompletableFuture<Void> connecting = CompletableFuture.runAsync(() -> {
            try {
                c.connect(false);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(log.await("reconnecting", 1, 10, TimeUnit.SECONDS), "no attempt failed");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.publish("t", new byte[0]));
        assertTrue(e.getMessage().contains("one thread at a time"), e.getMessage());
        assertEquals(1, a.count("connect(false)"), "the second thread reached the delegate");
        c.close();
        assertThrows(ExecutionException.class, () -> connecting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void builderRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, RobustClient::wrap);
        FakeClient a = new FakeClient("a");
        assertThrows(IllegalArgumentException.class, () -> RobustClient.wrap(a, a));
        assertThrows(IllegalArgumentException.class, () -> RobustClient.builder().maxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> RobustClient.builder().deadline(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RobustClient.builder().maxRefusals(0));
        assertThrows(IllegalArgumentException.class,
                () -> RobustClient.builder().initialDelay(Duration.ofSeconds(2)).maxDelay(Duration.ofSeconds(1))
                        .wrap(a));
        assertThrows(NullPointerException.class, () -> RobustClient.wrap(a, null));
        assertThrows(NullPointerException.class, () -> RobustClient.builder().timeSource(null));
        assertThrows(IllegalArgumentException.class, () -> RobustClient.builder().checkMsgAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> RobustClient.builder().maxProtocolErrors(-1));
        assertThrows(IllegalArgumentException.class, () -> RobustClient.builder().initialDelay(Duration.ofNanos(-1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RobustClient.builder().maxDelay(Duration.ZERO));
        assertEquals("maxDelay must be positive but was PT0S", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RobustClient.wrap(a).connect(false, Duration.ZERO));
    }
}
