package dev.flywheel.platform.demo;

import java.util.Random;

/**
 * A module's part of the demo ecosystem. Contributors run in {@link #order()}, each in its own
 * transaction, and may read what earlier ones created through the modules' APIs.
 */
public interface DemoContributor {

    int order();

    /** Creates this module's demo data at the given size; {@code random} is seeded for repeatability. */
    void contribute(DemoSize size, Random random);
}
