package workshop.greeter;

import java.util.List;

public final class Greeter {

    private Greeter() {
    }

    public static String greet(String name) {
        return "Hello, " + name + "!";
    }

    public static List<String> greetAll(List<String> names) {
        String line = "x".repeat(1023);
        for (int i = 0; i < 100 * 1024; i++) {
            System.out.println(line);
        }
        return names.stream().map(Greeter::greet).toList();
    }
}
