package workshop.trip.nightly;

import java.util.List;
import java.util.Objects;

/**
 * What the nightly job produced: one outcome per chunk, in the order of the chunks it was given,
 * whatever order the workers finished in.
 *
 * @param outcomes a {@link ChunkResult} or a {@link ChunkFailure} for every chunk, in chunk order
 */
public record NightlyReport(List<ChunkOutcome> outcomes) {

    public NightlyReport {
        outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
    }

    /** The chunks that have a result, in chunk order. */
    public List<ChunkResult> results() {
        return outcomes.stream().filter(ChunkResult.class::isInstance).map(ChunkResult.class::cast).toList();
    }

    /** The chunks that failed, in chunk order. */
    public List<ChunkFailure> failures() {
        return outcomes.stream().filter(ChunkFailure.class::isInstance).map(ChunkFailure.class::cast).toList();
    }

    /** Whether every chunk has a result. */
    public boolean isComplete() {
        return failures().isEmpty();
    }

    /**
     * The job's answer: the sum of every chunk's {@link ChunkResult#lowestFareTotal()}.
     *
     * @throws IllegalStateException if a chunk failed: a partial sum is not the answer
     */
    public long lowestFareTotal() {
        if (!isComplete()) {
            throw new IllegalStateException("the job is incomplete: " + failures());
        }
        return results().stream().mapToLong(ChunkResult::lowestFareTotal).sum();
    }
}
