package umqtt.cli;

/** The help text of {@code umqtt sub} ({@link SubCommand}). */
final class SubHelp {

    static final String TEXT = """
            Usage: umqtt sub {-t FILTER ... | -L URL/FILTER | -U FILTER ...} [options]

            Subscribes to topics on an MQTT broker (MQTT 3.1.1, or 5 with -V mqttv5) and prints
            each message's payload on a line of its own, like mosquitto_sub.
             -t FILTER          a topic filter to subscribe to (+ and # allowed; repeat for more)
             -T FILTER          do not print (nor count for -C) topics matching FILTER (repeatable)
             -U FILTER          unsubscribe from FILTER after subscribing (repeatable; for a
                                session kept with -c -i ID)
             -E                 exit once the subscriptions (and -U) are acknowledged
             -C COUNT           exit after printing COUNT messages
             -W SECONDS         exit after this long ("Timed out", status 27) unless -C came first
             -v                 print the topic, a space, then the payload
             -N                 no newline after each message
             -F FORMAT          print each message as FORMAT says (overrides -v); see below
             --pretty           %j and %J print one key a line (as mosquitto_sub --pretty)
             -R                 skip retained (stale) messages
             --retained-only    print only retained messages; exit at the first live one
             --remove-retained  clear each retained message received (publish an empty
                                retained message to its topic); -T spares topics
             --robust           keep going across broker restarts and network failures
                                (reconnects, resumes the session, resubscribes)
             --nl               MQTT 5: no local (the broker sends back none of our messages)
             --rap              MQTT 5: retain as published (the retain flag as the publisher set it)
             --retain-handling N  MQTT 5: 0 retained messages on subscribing (default), 1 only
                                for a new subscription, 2 none
             --help             this help
            """ + ConnectOptions.HELP + """

            -F FORMAT, as mosquitto_sub's:
             %t topic  %p payload  %x %X payload in hex  %l payload length  %q QoS  %r retained
             %m message id (0 for QoS 0; umqtt does not know it for QoS 1 and 2: blank)
             %j the message as JSON  %J the same with the payload as JSON, not as a string
             %I ISO 8601 time  %U Unix time.nanoseconds  %% a %
             MQTT 5: %C content type  %D correlation data  %E message expiry  %F payload
             format  %P user properties (name:value ...)  %R response topic  %S subscription id
             %[-][0][WIDTH][.PRECISION]t pads (- left-aligns, 0 zero-pads) and cuts (.N, %t %I)
             @Y @m @d @H @M @S @N (nanoseconds) ... the time as strftime's %Y %m ...  @@ an @
             \\n \\t \\r \\e \\a \\v \\0 \\\\ escapes
             e.g. -F '%I %t %p'  or  -F '%j'

            Exit status: 0 done, 1 bad usage, 2 connection or protocol error, 27 -W timed out
            (reason on stderr).
            """;

    private SubHelp() {
    }
}
