/**
 * The reconnecting client: {@link umqtt.robust.RobustClient} and its {@link umqtt.robust.BackoffStrategy}.
 */
package umqtt.robust;
