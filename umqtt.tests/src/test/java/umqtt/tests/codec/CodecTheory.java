package umqtt.tests.codec;

import org.quicktheories.QuickTheory;

/**
 * QuickTheories as the codec properties use it. Shrinking is capped: a failing example of
 * kilobytes of packets shrinks well within a few hundred steps, while the library's default of a
 * million steps would run a failing property into the test timeout and hide its counterexample.
 */
final class CodecTheory {

    static final int SHRINK_CYCLES = 500;

    private CodecTheory() {
    }

    /** @return a theory with capped shrinking */
    static QuickTheory qt() {
        return QuickTheory.qt().withShrinkCycles(SHRINK_CYCLES);
    }
}
