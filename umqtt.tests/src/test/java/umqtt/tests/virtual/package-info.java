/**
 * A virtual network and clock for deterministic timing tests of the clients: no sockets, no
 * threads, no sleeping.
 *
 * <ul>
 *   <li>{@link umqtt.tests.virtual.VirtualClock} is the client's {@code TimeSource}; it moves only
 *       when a test advances it or a read waits.</li>
 *   <li>{@link umqtt.tests.virtual.VirtualLink} is the client's {@code TransportProvider}: each
 *       connect opens a {@link umqtt.tests.virtual.VirtualConnection}; the bytes the client writes
 *       are cut into {@link umqtt.tests.virtual.WirePacket}s and handed to a
 *       {@link umqtt.tests.virtual.ServerHandler} at the current virtual time; the server schedules
 *       its answers at {@code now + delay}. A read returns what is due, advancing the clock to the
 *       next scheduled packet within the read timeout, or by the whole timeout and then throws
 *       {@code SocketTimeoutException}; a read with no timeout and nothing scheduled throws
 *       {@link umqtt.tests.virtual.BlockedForeverError}.</li>
 *   <li>{@link umqtt.tests.virtual.ScriptedBroker} answers like a broker, with per-type delays and
 *       silences; {@link umqtt.tests.virtual.Traffic} records every packet both ways with its
 *       virtual time in ms, for exact assertions.</li>
 * </ul>
 *
 * <p>The packet code here is the tests' own: it does not use the client's codec.
 */
package umqtt.tests.virtual;
