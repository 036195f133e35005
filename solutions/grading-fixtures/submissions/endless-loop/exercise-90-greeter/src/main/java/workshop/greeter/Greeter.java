package workshop.greeter;

import java.util.List;

public final class Greeter {

    private Greeter() {
    }

    public static String greet(String name) {
        while (true) {
            // spins forever and never looks at its interrupt flag
            Thread.onSpinWait();
        }
    }

    public static List<String> greetAll(List<String> names) {
        return names.stream().map(Greeter::greet).toList();
    }
}
