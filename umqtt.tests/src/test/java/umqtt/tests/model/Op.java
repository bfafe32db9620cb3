package umqtt.tests.model;

/**
 * One step of a model-based run: something the application does with the client, something the
 * broker or the network does, or time passing. Each prints as the call it stands for, so a shrunk
 * counterexample reads as a script.
 */
sealed interface Op {

    /** The application publishes a new message on "out" (payload: its sequence number). */
    record Publish(int qos) implements Op {
        @Override
        public String toString() {
            return "publish(q" + qos + ")";
        }
    }

    /** The application sends a new message on "out" with {@code send} (payload: its sequence number). */
    record Send(int qos) implements Op {
        @Override
        public String toString() {
            return "send(q" + qos + ")";
        }
    }

    /** The application calls flush with this timeout. */
    record Flush(long timeoutMs) implements Op {
        @Override
        public String toString() {
            return "flush(" + timeoutMs + " ms)";
        }
    }

    /** The application subscribes to "in/#". */
    record Subscribe(int qos) implements Op {
        @Override
        public String toString() {
            return "subscribe(q" + qos + ")";
        }
    }

    /** The application unsubscribes from "in/#". */
    record Unsubscribe() implements Op {
        @Override
        public String toString() {
            return "unsubscribe()";
        }
    }

    /** The application calls ping(). */
    record Ping() implements Op {
        @Override
        public String toString() {
            return "ping()";
        }
    }

    /** The broker sends a QoS 0 "tick" after {@code tickAfterMs} (so a live link has something), then waitMsg(). */
    record WaitMsg(long tickAfterMs) implements Op {
        @Override
        public String toString() {
            return "waitMsg(tick after " + tickAfterMs + " ms)";
        }
    }

    /** The application calls checkMsg() once. */
    record CheckMsg() implements Op {
        @Override
        public String toString() {
            return "checkMsg()";
        }
    }

    /** Virtual time passes while the application does nothing with the client. */
    record Idle(long ms) implements Op {
        @Override
        public String toString() {
            return "idle(" + ms + " ms)";
        }
    }

    /** The broker sends {@code count} messages on "in/..." at {@code qos}, each re-sent at once with DUP when asked. */
    record Inbound(int qos, int count, long afterMs, boolean duplicate) implements Op {
        @Override
        public String toString() {
            return "inbound(q" + qos + " x" + count + " after " + afterMs + " ms" + (duplicate ? ", each twice" : "") + ")";
        }
    }

    /** The broker floods: more QoS 0 messages than a client may hold, all due at once. */
    record Flood(long afterMs) implements Op {
        @Override
        public String toString() {
            return "flood(after " + afterMs + " ms)";
        }
    }

    /** The broker answers every request this long after it (slow when beyond the timeouts). */
    record AnswerDelay(long ms) implements Op {
        @Override
        public String toString() {
            return "answerDelay(" + ms + " ms)";
        }
    }

    /** The link goes dead: nothing more arrives on it, writes vanish, nobody closes it. */
    record Dead() implements Op {
        @Override
        public String toString() {
            return "linkDies()";
        }
    }

    /** The link is cut after {@code afterMs}; the client reconnects with connect(false) before its next call. */
    record Cut(boolean keepSession, long afterMs) implements Op {
        @Override
        public String toString() {
            return "cut(" + (afterMs > 0 ? "after " + afterMs + " ms, " : "")
                    + (keepSession ? "broker keeps the session" : "broker loses the session") + ")";
        }
    }

    /** What the callback does with the messages on "in/..." from now on. */
    record Callback(Mode mode, int qos) implements Op {
        @Override
        public String toString() {
            return "callback(" + mode.name().toLowerCase(java.util.Locale.ROOT) + (mode == Mode.PUBLISH ? " q" + qos : "")
                    + ")";
        }
    }

    /** A callback's behaviour. */
    enum Mode {
        /** Just takes the message. */
        NONE,
        /** Publishes a message of its own for every message. */
        PUBLISH,
        /** Calls disconnect(), once. */
        DISCONNECT,
        /** Throws, once. */
        THROW
    }
}
