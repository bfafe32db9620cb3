package umqtt.mqtt5.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import umqtt.api.MqttException;
import umqtt.mqtt5.UserProperty;
import umqtt.simple.codec.PacketBuffer;
import umqtt.simple.codec.RemainingLength;

/**
 * The properties of one packet (MQTT 5.0, 2.2.2), as they are on the wire: numbers as longs,
 * strings as their UTF-8 bytes, binary data as bytes, user properties and subscription identifiers
 * in their order. Mutable; {@link #encodedLength()} and {@link #write} encode, {@link #read}
 * decodes with every rule the bytes allow checking.
 */
public final class Properties {

    private static final List<byte[]> NO_USERS = List.of();
    private static final int[] NO_IDS = new int[0];

    /** Allocated with the first property: most packets (acknowledgements) carry none. */
    private long[] numbers;
    private byte[][] bytes;
    private long present;
    private List<byte[]> user = NO_USERS;
    private int[] subscriptionIds = NO_IDS;

    private void slots() {
        if (numbers == null) {
            numbers = new long[Property.MAX_ID + 1];
            bytes = new byte[Property.MAX_ID + 1][];
        }
    }

    private void addUserBytes(byte[] name, byte[] value) {
        if (user == NO_USERS) {
            user = new ArrayList<>(4);
        }
        user.add(name);
        user.add(value);
    }

    /** @return whether property {@code id} is set (for User Property: at least one) */
    public boolean has(int id) {
        return id == Property.USER_PROPERTY ? !user.isEmpty()
                : id == Property.SUBSCRIPTION_IDENTIFIER ? subscriptionIds.length > 0 : (present & 1L << id) != 0;
    }

    /** @return whether no property is set */
    public boolean isEmpty() {
        return present == 0 && user.isEmpty() && subscriptionIds.length == 0;
    }

    /** Sets a numeric property (byte, two- or four-byte integer; a subscription identifier is added). */
    public Properties set(int id, long value) {
        int type = Property.type(id);
        if (type != Property.BYTE && type != Property.TWO && type != Property.FOUR && type != Property.VBI) {
            throw new IllegalArgumentException(Property.name(id) + " is not a number");
        }
        long max = type == Property.BYTE ? 0xFF : type == Property.TWO ? 0xFFFF : type == Property.FOUR ? 0xFFFF_FFFFL
                : RemainingLength.MAX;
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(Property.name(id) + " must be 0 to " + max + " but was " + value);
        }
        if (id == Property.SUBSCRIPTION_IDENTIFIER) {
            subscriptionIds = Arrays.copyOf(subscriptionIds, subscriptionIds.length + 1);
            subscriptionIds[subscriptionIds.length - 1] = (int) value;
        } else {
            slots();
            numbers[id] = value;
            present |= 1L << id;
        }
        return this;
    }

    /** Sets a string property (null clears it). */
    public Properties set(int id, String value) {
        return setBytes(id, value == null ? null : Strings.utf8(value, Property.name(id)), Property.STRING);
    }

    /** Sets a binary property (null clears it; the array is kept, not copied). */
    public Properties set(int id, byte[] value) {
        return setBytes(id, value, Property.BINARY);
    }

    private Properties setBytes(int id, byte[] value, int type) {
        if (Property.type(id) != type) {
            throw new IllegalArgumentException(Property.name(id) + " is not " + (type == Property.STRING ? "a string"
                    : "binary data"));
        }
        if (value != null && value.length > 0xFFFF) {
            throw new IllegalArgumentException(Property.name(id) + " is " + value.length
                    + " bytes long; the limit is 65535");
        }
        slots();
        bytes[id] = value;
        present = value == null ? present & ~(1L << id) : present | 1L << id;
        return this;
    }

    /** Adds a User Property. */
    public Properties addUser(String name, String value) {
        addUserBytes(Strings.utf8(name, "User Property name"), Strings.utf8(value, "User Property value"));
        return this;
    }

    /** Adds User Properties. */
    public Properties addUsers(List<UserProperty> properties) {
        for (UserProperty p : properties) {
            addUser(p.name(), p.value());
        }
        return this;
    }

    /** @return a numeric property, or {@code absent} when not set */
    public long number(int id, long absent) {
        return (present & 1L << id) != 0 ? numbers[id] : absent;
    }

    /** @return a string property, or null */
    public String string(int id) {
        return bytes == null || bytes[id] == null ? null : new String(bytes[id], StandardCharsets.UTF_8);
    }

    /** @return a binary (or string) property's bytes, or null; the array is shared */
    public byte[] binary(int id) {
        return bytes == null ? null : bytes[id];
    }

    /** @return the User Properties in order (a new list) */
    public List<UserProperty> users() {
        List<UserProperty> list = new ArrayList<>(user.size() / 2);
        for (int i = 0; i < user.size(); i += 2) {
            list.add(new UserProperty(new String(user.get(i), StandardCharsets.UTF_8),
                    new String(user.get(i + 1), StandardCharsets.UTF_8)));
        }
        return list;
    }

    /** @return the Subscription Identifiers in order (a copy) */
    public int[] subscriptionIdentifiers() {
        return subscriptionIds.clone();
    }

    /** @return the bytes of the properties, without the property length in front */
    public int encodedLength() {
        int n = 0;
        for (int id = 1; id <= Property.MAX_ID; id++) {
            if ((present & 1L << id) != 0) {
                n += 1 + switch (Property.type(id)) {
                    case Property.BYTE -> 1;
                    case Property.TWO -> 2;
                    case Property.FOUR -> 4;
                    default -> 2 + bytes[id].length;
                };
            }
        }
        for (byte[] b : user) {
            n += 2 + b.length;
        }
        n += user.size() / 2;
        for (int id : subscriptionIds) {
            n += 1 + RemainingLength.size(id);
        }
        return n;
    }

    /** Writes the properties (without their length) into {@code out}. */
    public void write(PacketBuffer out) {
        for (int id = 1; id <= Property.MAX_ID; id++) {
            if ((present & 1L << id) == 0) {
                continue;
            }
            out.put(id);
            long v = numbers[id];
            switch (Property.type(id)) {
                case Property.BYTE -> out.put((int) v);
                case Property.TWO -> out.putShort((int) v);
                case Property.FOUR -> out.putShort((int) (v >>> 16)).putShort((int) v);
                default -> out.putField(bytes[id]);
            }
        }
        for (int i = 0; i < user.size(); i += 2) {
            out.put(Property.USER_PROPERTY).putField(user.get(i)).putField(user.get(i + 1));
        }
        for (int id : subscriptionIds) {
            out.put(Property.SUBSCRIPTION_IDENTIFIER);
            Strings.putVbi(out, id);
        }
    }

    /**
     * Reads a property length and the properties after it.
     *
     * @param in the packet, positioned at the property length
     * @param packetType the packet's type, or {@link Property#WILL}
     * @return the properties
     * @throws MqttException 0x81 for a length past the packet, an identifier the packet may not
     *     carry, a bad string; 0x82 for a property twice or a value the standard forbids
     */
    public static Properties read(Wire in, int packetType) throws MqttException {
        int length = in.vbi("property length");
        if (length > in.remaining()) {
            throw Faults.malformed(in.packet() + " property length " + length + " runs past the packet ("
                    + in.remaining() + " bytes left)");
        }
        Properties p = new Properties();
        int end = in.position() + length;
        int outer = in.end();
        in.limit(end);
        while (in.remaining() > 0) {
            int id = in.vbi("property identifier");
            if (!Property.allowed(id, packetType)) {
                throw Faults.malformed(in.packet() + " may not carry " + Property.name(id) + " (MQTT 5.0, 2.2.2.2)");
            }
            if (p.has(id) && !Property.repeatable(id, packetType)) {
                throw Faults.protocol(in.packet() + " carries " + Property.name(id) + " more than once (MQTT 5.0, 2.2.2.2)");
            }
            String name = Property.name(id);
            p.slots();
            switch (Property.type(id)) {
                case Property.BYTE -> p.numbers[id] = in.u8(name);
                case Property.TWO -> p.numbers[id] = in.u16(name);
                case Property.FOUR -> p.numbers[id] = in.u32(name);
                case Property.VBI -> p.numbers[id] = in.vbi(name);
                case Property.STRING -> p.bytes[id] = in.utf8(name);
                case Property.BINARY -> p.bytes[id] = in.binary(name);
                default -> {
                    byte[] key = in.utf8("User Property name");
                    p.addUserBytes(key, in.utf8("User Property value"));
                }
            }
            if (id == Property.SUBSCRIPTION_IDENTIFIER) {
                int sid = (int) p.numbers[id];
                if (sid == 0) {
                    throw Faults.protocol(in.packet() + " carries Subscription Identifier 0 (MQTT 5.0, 3.3.2.3.8)");
                }
                p.subscriptionIds = Arrays.copyOf(p.subscriptionIds, p.subscriptionIds.length + 1);
                p.subscriptionIds[p.subscriptionIds.length - 1] = sid;
            } else if (id != Property.USER_PROPERTY) {
                p.present |= 1L << id;
                Property.checkValue(id, p.numbers[id], in.packet());
            }
        }
        in.limit(outer);
        return p;
    }

    /** Lists the properties by name; Authentication Data by its length only. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (int id = 1; id <= Property.MAX_ID; id++) {
            if ((present & 1L << id) != 0) {
                s.append(s.length() > 1 ? ", " : "").append(Property.name(id)).append('=');
                int type = Property.type(id);
                if (Property.secret(id) || type == Property.BINARY) {
                    s.append(bytes[id].length).append(" bytes");
                } else if (type == Property.STRING) {
                    s.append(string(id));
                } else {
                    s.append(numbers[id]);
                }
            }
        }
        if (subscriptionIds.length > 0) {
            s.append(s.length() > 1 ? ", " : "").append("Subscription Identifier=").append(Arrays.toString(subscriptionIds));
        }
        if (!user.isEmpty()) {
            s.append(s.length() > 1 ? ", " : "").append("User Property=").append(users());
        }
        return s.append('}').toString();
    }
}
