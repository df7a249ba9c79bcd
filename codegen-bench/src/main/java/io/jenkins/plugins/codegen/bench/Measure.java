package io.jenkins.plugins.codegen.bench;

/**
 * One line of the summary table: what was measured, the figure, the target it is held against and
 * whether it was met.
 */
record Measure(String measure, String figure, String target, Verdict verdict) {

    /** Whether a figure met its target; {@link #INFO} for figures that have none. */
    enum Verdict {
        MET("yes"), MISSED("**NO**"), INFO("—");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    static Measure check(String measure, String figure, String target, boolean met) {
        return new Measure(measure, figure, target, met ? Verdict.MET : Verdict.MISSED);
    }

    static Measure info(String measure, String figure) {
        return new Measure(measure, figure, "—", Verdict.INFO);
    }
}
