package umqtt.examples.demo;

import java.io.IOException;
import java.io.OutputStream;

/** Indents every line written through it, so the examples' own output stands apart from the demo's. */
final class Indented extends OutputStream {

    private final OutputStream out;
    private final byte[] prefix;
    private boolean lineStart = true;

    Indented(OutputStream out, String prefix) {
        this.out = out;
        this.prefix = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (lineStart) {
            out.write(prefix);
            lineStart = false;
        }
        out.write(b);
        if (b == '\n') {
            lineStart = true;
            out.flush();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }
}
