package dev.flywheel.platform.demo;

/**
 * How big a generated demo ecosystem is. The same generator fills the demo, the tests and the
 * benchmarks; only the size differs.
 *
 * @param customerAccounts customer accounts of the owner's product
 * @param partnersPerType partners of each archetype (technology, solution, referral)
 * @param usersPerPartner users in each partner organization
 * @param seed random seed: the same seed and size give the same ecosystem
 */
public record DemoSize(int customerAccounts, int partnersPerType, int usersPerPartner, long seed) {

    public static DemoSize standard() {
        return new DemoSize(3000, 24, 3, 42);
    }

    public static DemoSize small() {
        return new DemoSize(60, 3, 2, 7);
    }
}
