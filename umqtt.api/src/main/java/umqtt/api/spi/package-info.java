/**
 * The transport SPI: {@link umqtt.api.spi.TransportProvider}s open {@link umqtt.api.spi.Transport}s
 * for URI schemes and are found by {@link umqtt.api.spi.Transports} through
 * {@link java.util.ServiceLoader}. Write one class and one service entry to add a scheme.
 */
package umqtt.api.spi;
