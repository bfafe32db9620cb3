package umqtt.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Makes the thread each bench client runs on: a virtual thread on Java 21 and later (found by
 * reflection, since umqtt compiles for Java 17), otherwise a daemon platform thread with a small
 * stack, so thousands fit in a modest address space.
 */
final class BenchThreads {

    /** The stack of a platform thread: enough for the client's calls, far below the usual 1 MB (8 MB on Linux main). */
    static final long PLATFORM_STACK_BYTES = 256 * 1024;

    /** {@code Thread.ofVirtual().unstarted(Runnable)}, or null before Java 21. */
    private static final MethodHandle VIRTUAL = virtualThreads();

    private BenchThreads() {
    }

    /** @return whether clients run on virtual threads */
    static boolean virtual() {
        return VIRTUAL != null;
    }

    /** @return "virtual threads" or "platform threads (256 KB stacks)", for the summary */
    static String describe() {
        return virtual() ? "virtual threads" : "platform threads (" + PLATFORM_STACK_BYTES / 1024 + " KB stacks)";
    }

    /**
     * @param name the thread's name
     * @param task what it runs
     * @return a new thread, not started
     */
    static Thread create(String name, Runnable task) {
        if (VIRTUAL != null) {
            try {
                Thread t = (Thread) VIRTUAL.invoke(task);
                t.setName(name);
                return t;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot make a virtual thread", e);
            }
        }
        Thread t = new Thread(null, task, name, PLATFORM_STACK_BYTES);
        t.setDaemon(true);
        return t;
    }

    private static MethodHandle virtualThreads() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
            MethodHandle unstarted = lookup.findVirtual(builder, "unstarted",
                    MethodType.methodType(Thread.class, Runnable.class));
            Object ofVirtualBuilder = ofVirtual.invoke();
            return unstarted.bindTo(ofVirtualBuilder);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null; // Java 17 to 20
        } catch (Throwable e) {
            return null; // a preview-only or restricted runtime: platform threads work everywhere
        }
    }
}
