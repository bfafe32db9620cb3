package umqtt.tests.codec;

import java.util.Arrays;
import java.util.Objects;

/** A byte array compared by content, so that the packet records' generated equals compare payloads. */
record Bytes(byte[] array) {

    Bytes {
        Objects.requireNonNull(array, "array");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(array, b.array);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(array);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(array.length + " bytes");
        for (int i = 0; i < Math.min(array.length, 12); i++) {
            sb.append(i == 0 ? " " : "").append(String.format("%02x", array[i]));
        }
        return sb.append(array.length > 12 ? "…" : "").toString();
    }
}
