package workshop.greeter;

import java.util.List;

public final class Greeter {

    private Greeter() {
    }

    public static String greet(String name) {
        for (int i = 0; i < 10_000; i++) {
            Thread.ofPlatform().name("left-behind-" + i).start(() -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        return "Hello, " + name + "!";
    }

    public static List<String> greetAll(List<String> names) {
        return names.stream().map(n -> "Hello, " + n + "!").toList();
    }
}
