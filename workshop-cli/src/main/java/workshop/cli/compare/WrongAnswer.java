package workshop.cli.compare;

/** An implementation finished, but with answers that differ from the expected ones: it is left out of the comparison. */
final class WrongAnswer extends Exception {

    WrongAnswer(String what) {
        super(what);
    }
}
