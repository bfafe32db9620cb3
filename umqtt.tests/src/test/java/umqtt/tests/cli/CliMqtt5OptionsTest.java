package umqtt.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code -V mqttv5}'s options read as mosquitto_pub and mosquitto_sub read them, and refused with a
 * reason (status 1, before any connection) when they are wrong: no broker needed.
 */
class CliMqtt5OptionsTest {

    private static void refused(String expected, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().startsWith("Error: " + expected), String.join(" ", args) + " -> " + r.err());
    }

    @Test
    void withoutVersion5TheMqtt5OptionsAskForIt() {
        for (String command : new String[] {"pub", "sub"}) {
            refused("-D sets MQTT 5 properties: give -V mqttv5 too", command, "-t", "a", "-D", "connect",
                    "receive-maximum", "5");
            refused("-x sets the MQTT 5 session expiry interval", command, "-t", "a", "-i", "me", "-x", "60");
        }
        refused("--nl is an MQTT 5 subscription option: give -V mqttv5 too", "sub", "-t", "a", "--nl");
        refused("--retain-handling is an MQTT 5 subscription option", "sub", "-t", "a", "--retain-handling", "2");
        refused("--rap is an MQTT 5 subscription option: umqtt sub takes it", "pub", "-t", "a", "-m", "x", "-V", "5",
                "--rap");
    }

    @Test
    void versionsAsMosquittoNamesThem() {
        refused("MQTT 3.1 (-V mqttv31) is not supported: use -V mqttv311 (the default) or -V mqttv5", "pub", "-t", "a",
                "-m", "x", "-V", "mqttv31");
        refused("MQTT 3.1 (-V 31) is not supported", "sub", "-t", "a", "-V", "31");
        refused("unknown protocol version '6'", "pub", "-t", "a", "-m", "x", "-V", "6");
        // -V 5 and mqttv5 are both MQTT 5: the line is read on to the next problem
        refused("no message", "pub", "-t", "a", "-V", "5");
        refused("no message", "pub", "-t", "a", "-V", "mqttv5");
        refused("probe checks what a broker does with MQTT 3.1.1", "probe", "-V", "5");
    }

    @Test
    void propertiesAreCheckedAgainstTheirPacketAndType() {
        refused("invalid command 'FOO' given in -D: this command takes CONNECT, PUBLISH, WILL, DISCONNECT",
                "pub", "-V", "5", "-t", "a", "-m", "x", "-D", "foo", "content-type", "x");
        refused("invalid command 'SUBSCRIBE' given in -D", "pub", "-V", "5", "-t", "a", "-m", "x", "-D", "subscribe",
                "user-property", "a", "b");
        refused("invalid command 'PUBLISH' given in -D", "sub", "-V", "5", "-t", "a", "-D", "publish", "content-type", "x");
        refused("-D PUBREL: umqtt sends PUBREL itself", "pub", "-V", "5", "-t", "a", "-m", "x", "-D", "pubrel",
                "user-property", "a", "b");
        refused("-D PUBLISH topic-alias: the client manages topic aliases itself", "pub", "-V", "5", "-t", "a", "-m",
                "x", "-D", "publish", "topic-alias", "1");
        refused("-D CONNECT authentication-method: enhanced authentication needs an authenticator", "pub", "-V", "5",
                "-t", "a", "-m", "x", "-D", "connect", "authentication-method", "SCRAM-SHA-256");
        refused("-D CONNECT content-type: not a property umqtt sends in CONNECT", "pub", "-V", "5", "-t", "a", "-m",
                "x", "-D", "connect", "content-type", "x");
        refused("-D CONNECT receive-maximum takes a whole number from 1 to 65535 but was '0'", "pub", "-V", "5", "-t",
                "a", "-m", "x", "-D", "connect", "receive-maximum", "0");
        refused("-D PUBLISH payload-format-indicator takes a whole number from 0 to 1 but was '2'", "pub", "-V", "5",
                "-t", "a", "-m", "x", "-D", "publish", "payload-format-indicator", "2");
        refused("-D PUBLISH message-expiry-interval takes a whole number from 0 to 4294967295 but was 'soon'", "pub",
                "-V", "5", "-t", "a", "-m", "x", "-D", "publish", "message-expiry-interval", "soon");
        refused("-D PUBLISH content-type given twice", "pub", "-V", "5", "-t", "a", "-m", "x", "-D", "publish",
                "content-type", "a", "-D", "PUBLISH", "Content-Type", "b");
        refused("-D PUBLISH response-topic is a topic name", "pub", "-V", "5", "-t", "a", "-m", "x", "-D", "publish",
                "response-topic", "r/#");
        refused("-D SUBSCRIBE subscription-identifier takes a whole number from 1 to 268435455", "sub", "-V", "5", "-t",
                "a", "-D", "subscribe", "subscription-identifier", "0");
        refused("option -D needs a value", "pub", "-V", "5", "-t", "a", "-m", "x", "-D", "publish", "user-property", "a");
    }

    @Test
    void sessionExpiryAndSubscriptionOptions() {
        refused("-x takes seconds from 0 to 4294967294, or -1", "sub", "-V", "5", "-t", "a", "-i", "me", "-x", "-2");
        refused("-x keeps the session of a client id: give one with -i", "sub", "-V", "5", "-t", "a", "-x", "60");
        refused("-x keeps the session of a client id", "sub", "-V", "5", "-t", "a", "-x", "∞");
        refused("give either -x or -D CONNECT session-expiry-interval, not both", "sub", "-V", "5", "-t", "a", "-i",
                "me", "-x", "5", "-D", "connect", "session-expiry-interval", "5");
        refused("option --retain-handling takes a whole number from 0 to 2 but was '3'", "sub", "-V", "5", "-t", "a",
                "--retain-handling", "3");
        refused("--robust subscribes again through the plain client calls", "sub", "-V", "5", "-t", "a", "--robust",
                "--nl");
    }

    @Test
    void helpNamesTheMqtt5Options() {
        Cli.Result pub = Cli.run("pub", "--help");
        for (String option : new String[] {"-V VERSION", "mqttv5", "-D CMD PROP VALUE", "-x SECONDS", "umqtt.mqtt5"}) {
            assertTrue(pub.outText().contains(option), "pub --help names " + option);
        }
        Cli.Result sub = Cli.run("sub", "--help");
        for (String option : new String[] {"--nl", "--rap", "--retain-handling", "%P user properties"}) {
            assertTrue(sub.outText().contains(option), "sub --help names " + option);
        }
    }
}
