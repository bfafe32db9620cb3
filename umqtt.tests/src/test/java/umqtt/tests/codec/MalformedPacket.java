package umqtt.tests.codec;

/** The test-side decoder's verdict that bytes break a rule of MQTT 3.1.1, naming the rule. */
final class MalformedPacket extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedPacket(String what) {
        super(what);
    }
}
