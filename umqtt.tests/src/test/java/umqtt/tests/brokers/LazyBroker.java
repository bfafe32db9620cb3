package umqtt.tests.brokers;

import java.net.URI;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A broker that starts on first use of {@link #uri(Listener)}, so listing brokers (for a
 * parameterized test) starts none, and a missing broker skips only the tests that use it.
 */
final class LazyBroker implements Broker {

    private final String name;
    private final Set<Listener> listeners;
    private final Supplier<? extends Broker> start;

    LazyBroker(String name, Set<Listener> listeners, Supplier<? extends Broker> start) {
        this.name = Objects.requireNonNull(name, "name");
        this.listeners = Set.copyOf(listeners);
        this.start = Objects.requireNonNull(start, "start");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean has(Listener listener) {
        return listeners.contains(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public URI uri(Listener listener) {
        assumeListener(listener);
        return start.get().uri(listener);
    }

    @Override
    public String toString() {
        return name;
    }
}
