package workshop.greeter;

import java.util.List;

/** Greets people; the greeting of a name is always {@code Hello, NAME!}. */
public final class Greeter {

    private Greeter() {
    }

    public static String greet(String name) {
        return "Hello, " + name + "!";
    }

    public static List<String> greetAll(List<String> names) {
        return names.stream().map(Greeter::greet).toList();
    }
}
