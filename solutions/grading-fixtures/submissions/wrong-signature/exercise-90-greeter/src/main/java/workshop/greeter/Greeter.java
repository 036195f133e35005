package workshop.greeter;

import java.util.List;

public final class Greeter {

    private Greeter() {
    }

    public static String greet(CharSequence name) {
        return "Hello, " + name + "!";
    }

    public static List<String> greetAll(List<String> names) {
        return names.stream().map(n -> greet(n)).toList();
    }
}
