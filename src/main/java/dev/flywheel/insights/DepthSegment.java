package dev.flywheel.insights;

/** Integration depth: how many distinct integrations an account had active. */
enum DepthSegment {
    NONE("0"), ONE_TO_TWO("1-2"), THREE_PLUS("3+");

    private final String wire;

    DepthSegment(String wire) {
        this.wire = wire;
    }

    String wire() {
        return wire;
    }

    static DepthSegment of(int depth) {
        if (depth <= 0) {
            return NONE;
        }
        return depth <= 2 ? ONE_TO_TWO : THREE_PLUS;
    }
}
