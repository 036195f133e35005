package workshop.trip;

import java.util.List;

/**
 * The body a partner API answers with: a header line {@code TRIP/1 <backend id>}, then one item
 * per line.
 *
 * <pre>{@code
 * TRIP/1 flights
 * LH400 FRA-JFK 09:40
 * UA901 FRA-SFO 11:15
 * }</pre>
 *
 * @param backend the API that answered
 * @param items   the items, in the order the API sent them
 */
public record PartnerReply(Backend backend, List<String> items) {

    private static final String VERSION = "TRIP/1";

    public PartnerReply {
        items = List.copyOf(items);
    }

    /**
     * Reads a reply body.
     *
     * @throws IllegalArgumentException if the body is not a reply of this backend; the message
     *                                  says what was expected and what came
     */
    public static PartnerReply parse(Backend backend, String body) {
        String header = VERSION + " " + backend.id();
        List<String> lines = body == null ? List.of() : body.lines().toList();
        if (lines.isEmpty() || !lines.getFirst().equals(header)) {
            String first = lines.isEmpty() ? "an empty body" : "'" + abbreviate(lines.getFirst()) + "'";
            throw new IllegalArgumentException(
                    "malformed reply: expected a first line '" + header + "' but got " + first);
        }
        return new PartnerReply(backend, lines.subList(1, lines.size()));
    }

    /** Writes this reply as a body that {@link #parse} reads back. */
    public String format() {
        StringBuilder body = new StringBuilder(VERSION).append(' ').append(backend.id());
        items.forEach(item -> body.append('\n').append(item));
        return body.toString();
    }

    private static String abbreviate(String line) {
        return line.length() <= 40 ? line : line.substring(0, 40) + "...";
    }
}
