package umqtt.cli;

import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Whether the module {@code umqtt.mqtt5} is here for {@code -V mqttv5}. umqtt.cli only
 * {@code requires static} it, so the minimal image and a class path without its jar run without it:
 * on the module path it must be in this module's layer, on the class path its client class must be
 * loadable. Nothing here touches an MQTT 5 type.
 */
final class Mqtt5Module {

    /** The module's name, as the messages give it. */
    static final String NAME = "umqtt.mqtt5";

    private static final String CLIENT = "umqtt.mqtt5.Mqtt5Client";

    private Mqtt5Module() {
    }

    /**
     * Checks the module is here.
     *
     * @throws UsageException naming the module and how to get it, when it is missing
     */
    static void require() throws UsageException {
        Module cli = Mqtt5Module.class.getModule();
        if (cli.isNamed() ? inLayer(cli) : onClassPath()) {
            return;
        }
        String how;
        if (cli.isNamed() && elsewhere()) {
            how = "it is on the module path or in this image but not resolved: add --add-modules " + NAME;
        } else if (cli.isNamed() && Path.of(System.getProperty("java.home"), "bin", "umqtt").toFile().exists()) {
            how = "this is the minimal image, which leaves it out: use the 'full' image (or link " + NAME
                    + " into yours: jlink --add-modules ...," + NAME + " --add-options ' --add-modules=" + NAME + "')";
        } else {
            how = "add its jar (" + NAME + "-VERSION.jar) to the " + (cli.isNamed() ? "module path with --add-modules "
                    + NAME : "class path") + ", or run java -jar umqtt.cli-VERSION.jar, whose modules/core/ holds it";
        }
        throw new UsageException("-V mqttv5 needs the module " + NAME + ", which is not here: " + how);
    }

    private static boolean inLayer(Module cli) {
        ModuleLayer layer = cli.getLayer() == null ? ModuleLayer.boot() : cli.getLayer();
        return layer.findModule(NAME).isPresent();
    }

    private static boolean onClassPath() {
        try {
            Class.forName(CLIENT, false, Mqtt5Module.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether the module could have been resolved: it is in the image or on the module path. */
    private static boolean elsewhere() {
        if (ModuleFinder.ofSystem().find(NAME).isPresent()) {
            return true;
        }
        String path = System.getProperty("jdk.module.path");
        if (path == null || path.isEmpty()) {
            return false;
        }
        Path[] entries = Arrays.stream(path.split(java.io.File.pathSeparator)).map(Path::of).toArray(Path[]::new);
        try {
            return ModuleFinder.of(entries).find(NAME).isPresent();
        } catch (RuntimeException e) {
            return false; // an unreadable module path entry: the plain hint will do
        }
    }
}
