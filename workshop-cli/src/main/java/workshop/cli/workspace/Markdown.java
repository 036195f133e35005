package workshop.cli.workspace;

/** Text that a learner or a check wrote, put into Markdown as it is. */
public final class Markdown {

    private static final String PUNCTUATION = "\\`*_[]<>|&~!#";

    private Markdown() {
    }

    /** Literal text in a Markdown table cell or list item: no markup, link, HTML or line break survives. */
    public static String literal(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\n' || c == '\r') {
                out.append(' ');
            } else {
                out.append(PUNCTUATION.indexOf(c) >= 0 ? "\\" : "").append(c);
            }
        }
        return out.toString();
    }
}
