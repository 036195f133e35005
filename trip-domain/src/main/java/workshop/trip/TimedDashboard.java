package workshop.trip;

import java.util.List;

/**
 * A dashboard and the timeline of the backend calls that built it.
 *
 * @param dashboard the dashboard
 * @param timeline  one span per backend call, in the order the calls started
 */
public record TimedDashboard(Dashboard dashboard, List<CallSpan> timeline) {

    public TimedDashboard {
        timeline = List.copyOf(timeline);
    }
}
