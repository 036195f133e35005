package workshop.trip.nightly;

/**
 * What became of one chunk of the nightly job: either its {@link ChunkResult} or a
 * {@link ChunkFailure} that says why there is none.
 *
 * <pre>{@code
 * switch (outcome) {
 *     case ChunkResult result -> store(result.lowestFareTotal());
 *     case ChunkFailure failure -> alert(failure.message());
 * }
 * }</pre>
 */
public sealed interface ChunkOutcome permits ChunkResult, ChunkFailure {

    /** The index of the chunk this outcome belongs to. */
    int chunkIndex();
}
