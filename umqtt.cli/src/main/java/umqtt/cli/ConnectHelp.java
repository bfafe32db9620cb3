package umqtt.cli;

/** The help text of the connection options every command shares ({@link ConnectOptions}). */
final class ConnectHelp {

    /**
     * The lines that follow a command's own options in its {@code --help}. Joined with
     * {@code concat}, not {@code +}, so that it is no compile-time constant: each command's help
     * reads this one copy instead of holding its own (six copies of some 3 KB in the images).
     */
    static final String TEXT = """
             -L URL             the broker as a URL: mqtt://[user[:password]@]host[:port][/topic]
                                (also mqtts://, and ws:// wss:// where the path is the HTTP path)
             -h HOST            the broker's host (default localhost)
             -p PORT            the broker's port (default 1883, or 8883 with TLS options)
             -i ID              the client id (default umqtt-pub-/umqtt-sub- and random hex)
             -I PREFIX          the client id is PREFIX and random hex
             -u USER            the user name
             -P PASSWORD        the password (never printed)
             -k SECONDS         the keepalive, 0-65535 (default 60)
             -c                 keep the session (clean session off); needs -i
             -q QOS             the quality of service, 0, 1 or 2 (default 0)
             --will-topic T     the last will's topic, published by the broker if we vanish
             --will-payload M   the last will's message (default empty)
             --will-qos QOS     the last will's QoS (default 0)
             --will-retain      retain the last will
             --header N:V       an HTTP header for the WebSocket upgrade (ws://, wss://)
             -V VERSION         the protocol: mqttv311 (also 311, the default) or mqttv5 (also 5;
                                needs the module umqtt.mqtt5: the full image has it)
             -D CMD PROP VALUE  MQTT 5: a property of packet CMD, as mosquitto's -D, e.g.
                                -D connect receive-maximum 10, -D publish content-type text/plain,
                                -D publish user-property NAME VALUE (see README, MQTT 5)
             -x SECONDS         MQTT 5: the session expiry interval (-1 never); needs -i
             -d                 print what happens (connect, subscribe, publish) on stderr
             --quiet            print no error messages (the exit status still tells)
            """.concat(TlsFlags.HELP);

    private ConnectHelp() {
    }
}
