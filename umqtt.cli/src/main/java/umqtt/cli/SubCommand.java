package umqtt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import umqtt.api.MqttClient;

/**
 * {@code umqtt sub}: subscribes (and unsubscribes, {@code -U}) and prints what arrives, like
 * {@code mosquitto_sub}. The options are read by {@link SubOptions}, each message handled by
 * {@link SubOutput}; this runs the client until the output is done, {@code -E} is satisfied, or
 * {@code -W} runs out (exit status {@link Main#TIMED_OUT}, as mosquitto_sub's).
 */
final class SubCommand {

    static final String HELP = SubHelp.TEXT;

    private SubCommand() {
    }

    static int run(Args args, Io io) throws UsageException, IOException {
        SubOptions o = SubOptions.parse(args);
        if (o.help) {
            io.out().print(HELP);
            return Main.OK;
        }
        ConnectOptions connect = o.connect;
        SubOutput output = new SubOutput(o, io.out(), io.err(), what -> connect.debug(io, what));
        ClientCalls calls = o.robust ? new ClientCalls(Robust.wrap(connect, io.err())) : connect.calls();
        try (MqttClient client = calls.client) {
            Deadline deadline = o.timeout > 0 ? new Deadline(client, o.timeout) : null;
            try {
                calls.setReceiver(output::accept);
                if (!o.robust) { // Robust.wrap gave its client the will already
                    connect.applyWill(client);
                }
                Main.connect(client, connect, io);
                for (String filter : o.filters) {
                    int granted = calls.subscribe(filter, connect.qos);
                    connect.debug(io, "subscribed to " + filter + " (granted QoS " + granted + ")");
                }
                for (String filter : o.unsubscribes) { // after the subscriptions, as mosquitto_sub does
                    calls.unsubscribe(filter);
                    connect.debug(io, "unsubscribed from " + filter);
                }
                clearRetained(client, output, connect, io); // retained messages that came with the SUBACK
                while (!output.done && !o.exitAfterSubscribe) {
                    client.waitMsg();
                    clearRetained(client, output, connect, io); // may end the output (-C) with what its waits bring
                }
                calls.disconnect();
                connect.debug(io, "disconnected");
            } catch (IOException | IllegalStateException e) {
                // The -W timer closes the client; whatever the blocked call then throws means "time's up".
                if (deadline != null && deadline.expired()) {
                    if (output.done) {
                        return Main.OK; // everything asked for arrived just before the time ran out
                    }
                    io.err().println("Timed out");
                    return Main.TIMED_OUT;
                }
                throw e;
            } finally {
                if (deadline != null) {
                    deadline.cancel();
                }
                io.out().flush();
            }
        }
        return Main.OK;
    }

    /** {@code --remove-retained}: an empty retained message (QoS 1, as mosquitto_sub) to each topic noted. */
    private static void clearRetained(MqttClient client, SubOutput output, ConnectOptions connect, Io io)
            throws IOException {
        for (String topic = output.toClear.poll(); topic != null; topic = output.toClear.poll()) {
            client.publish(topic.getBytes(StandardCharsets.UTF_8), new byte[0], true, 1);
            connect.debug(io, "cleared the retained message of " + topic);
        }
    }
}
