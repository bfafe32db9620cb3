package umqtt.tests.model;

import static org.quicktheories.QuickTheory.qt;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The model-based property of SimpleClient: for random sequences of application calls, broker
 * behaviour, idle periods and link failures on a virtual clock, every invariant of
 * {@link ModelRun} holds after every step. A failure prints the shrunk scenario as the list of
 * operations, then what went wrong with the last packets.
 *
 * <p>Seed: {@code -Dumqtt.model.seed=N} (fixed by default, so the next run reproduces a failure);
 * examples: {@code -Dumqtt.model.examples=N}.
 */
class ClientModelProperties {

    private static final long SEED = Long.getLong("umqtt.model.seed", 20_261_201L);
    private static final int EXAMPLES = Integer.getInteger("umqtt.model.examples", 5_000);

    @Test
    void everyInvariantHoldsAfterEveryStep() {
        AtomicReference<Scenario> smallest = new AtomicReference<>();
        try {
            qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(500)
                    .forAll(Scenarios.scenarios(30))
                    .checkAssert(scenario -> {
                        try {
                            new ModelRun(scenario).run();
                        } catch (AssertionError e) {
                            if (smallest.get() == null || scenario.ops().size() < smallest.get().ops().size()) {
                                smallest.set(scenario);
                            }
                            throw e;
                        }
                    });
        } catch (AssertionError e) {
            Scenario shrunk = new Shrinker().shrink(smallest.get());
            throw new AssertionError("Shrunk counterexample (" + shrunk.ops().size() + " operations), " + shrunk
                    + "\nfails " + Shrinker.failure(shrunk), e);
        }
    }
}
